/**
 * The admin area {@code /admin}: admins on an allow list (first one by a setup code), Spring
 * Security guarding only {@code /admin/**}, leads, funnel and trends, and the audit of admin actions.
 */
package com.wxqr.app.admin;
