/**
 * Driving a running deployment from outside its JVM: {@code deploy/cluster-demo} ({@link
 * com.wxqr.app.remote.ClusterDemo}) and JSON calls to the app and the emulator ({@link
 * com.wxqr.app.remote.JsonClient}), and journeys run some at a time ({@link com.wxqr.app.remote.Batch}); used by {@code ClusterIT} and by the bench's journeys, to which the app's
 * test-jar (this package only) brings them.
 */
package com.wxqr.app.remote;
