/**
 * The WeChat Official Account protocol library: value types shared by its features
 * ({@code crypto}, {@code callback}, {@code api}, {@code token}).
 */
package com.wxqr.mp;
