package com.wxqr.mp.api;

import java.util.Map;

/** The meaning of WeChat error codes, from the official global return-code table (spec §10). */
final class ErrorMeanings {

    private static final Map<Integer, String> MEANINGS = Map.ofEntries(
            Map.entry(-1, "系统繁忙，此时请开发者稍候再试"),
            Map.entry(0, "请求成功"),
            Map.entry(40001, "获取 access_token 时 AppSecret 错误，或者 access_token 无效"),
            Map.entry(40002, "不合法的凭证类型"),
            Map.entry(40003, "不合法的 OpenID（是否已关注/是否其他公众号的OpenID）"),
            Map.entry(40008, "不合法的消息类型"),
            Map.entry(40013, "不合法的 AppID"),
            Map.entry(40014, "不合法的 access_token"),
            Map.entry(40029, "不合法（无效）的 oauth_code"),
            Map.entry(40030, "不合法的 refresh_token"),
            Map.entry(40035, "不合法的参数"),
            Map.entry(40052, "不合法的二维码类型（action_name）"),
            Map.entry(40053, "不支持的操作（可能是永久二维码已达十万个上限）"),
            Map.entry(40125, "无效的appsecret"),
            Map.entry(40163, "oauth_code已使用"),
            Map.entry(40164, "调用接口的IP地址不在白名单中"),
            Map.entry(40243, "AppSecret已被冻结"),
            Map.entry(41001, "缺少 access_token 参数"),
            Map.entry(41002, "缺少 appid 参数"),
            Map.entry(41004, "缺少 secret 参数"),
            Map.entry(41008, "缺少 oauth code"),
            Map.entry(42001, "access_token 超时"),
            Map.entry(42002, "refresh_token 超时"),
            Map.entry(42003, "oauth_code 超时"),
            Map.entry(43002, "需要 POST 请求"),
            Map.entry(43004, "需要接收者关注"),
            Map.entry(43101, "用户拒绝接受消息"),
            Map.entry(44002, "POST 的数据包为空"),
            Map.entry(45002, "消息内容超过限制"),
            Map.entry(45008, "图文消息超过限制"),
            Map.entry(45009, "接口调用超过限制"),
            Map.entry(45011, "API 调用太频繁，请稍候再试"),
            Map.entry(45015, "回复时间超过限制"),
            Map.entry(45047, "客服接口下行条数超过上限"),
            Map.entry(46004, "不存在的用户"),
            Map.entry(47001, "解析 JSON/XML 内容错误"),
            Map.entry(48001, "api 功能未授权"),
            Map.entry(48004, "api 接口被封禁"),
            Map.entry(48006, "api 禁止清零调用次数，因为清零次数达到上限"),
            Map.entry(50001, "用户未授权该 api"),
            Map.entry(50002, "用户受限，可能是违规后接口被封禁"),
            Map.entry(50004, "禁止使用 token 接口"),
            Map.entry(50007, "账号已冻结"));

    static final String UNKNOWN = "未收录的错误码，请查阅微信全局返回码说明";

    private ErrorMeanings() {}

    static String of(int errcode) {
        return MEANINGS.getOrDefault(errcode, UNKNOWN);
    }
}
