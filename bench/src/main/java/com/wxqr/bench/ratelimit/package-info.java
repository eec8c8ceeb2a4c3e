/** What one shared rate-limit check costs on PostgreSQL, against a bare round trip in the same run. */
package com.wxqr.bench.ratelimit;
