/**
 * End to end: visitors through the app and the emulator, from quote to delivered card, counted exactly once;
 * against one app in demo mode ({@code Journeys}) or clusters behind nginx ({@code ClusterJourneys}).
 */
package com.wxqr.bench.e2e;
