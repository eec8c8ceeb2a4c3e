/**
 * Following a lead up from {@code /admin} (issue 21): each follower's customer-service window tracked from the pushes
 * (docs/PROTOCOL.md#customer-service-windows), the subscription notifications a visitor agreed to
 * (docs/PROTOCOL.md#subscription-notifications), and 联系客户 with every attempt and WeChat's answer recorded on the
 * lead.
 */
package com.wxqr.app.followup;
