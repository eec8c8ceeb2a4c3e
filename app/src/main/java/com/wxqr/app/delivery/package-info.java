/** Delivering the quote card to the scanner: passive news reply or customer-service outbox. */
package com.wxqr.app.delivery;
