/** Configuration, layout, errors, metrics and the embedded demo that hold the features together. */
package com.wxqr.app.system;
