package com.wxqr.mp.crypto;

/** The official test vectors of spec §2.5, verbatim. */
public final class OfficialVectors {

    private OfficialVectors() {}

    /** Vector A: official 2024 doc example (safe mode, JSON body). */
    public static final class A {
        public static final String TOKEN = "AAAAA";
        public static final String ENCODING_AES_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        public static final String APP_ID = "wxba5fad812f8e6fb9";
        public static final String TIMESTAMP = "1714112445";
        public static final String NONCE = "415670741";
        public static final String SIGNATURE = "6c5c811b55cc85e0e1b54100749188c20beb3f5d";
        public static final String ENCRYPT =
                "+qdx1OKCy+5JPCBFWw70tm0fJGb2Jmeia4FCB7kao+/Q5c/ohsOzQHi8khUOb05JCpj0JB4RvQMkUyus8TPxLKJGQqcvZqzDpVzazhZv6JsXUnnR8XGT740XgXZUXQ7vJVnAG+tE8NUd4yFyjPy7GgiaviNrlCTj+l5kdfMuFUPpRSrfMZuMcp3Fn2Pede2IuQrKEYwKSqFIZoNqJ4M8EajAsjLY2km32IIjdf8YL/P50F7mStwntrA2cPDrM1kb6mOcfBgRtWygb3VIYnSeOBrebufAlr7F9mFUPAJGj04=";
        public static final String MSG_SIGNATURE = "046e02f8204d34f8ba5fa3b1db94908f3df2e9b3";
        public static final String MSG =
                "{\"ToUserName\":\"gh_97417a04a28d\",\"FromUserName\":\"o9AgO5Kd5ggOC-bXrbNODIiE3bGY\",\"CreateTime\":1714112445,\"MsgType\":\"event\",\"Event\":\"debug_demo\",\"debug_str\":\"hello world\"}";
        public static final String REPLY_RANDOM = "707722b803182950";
        public static final String REPLY_MSG = "{\"demo_resp\":\"good luck\"}";
        public static final String REPLY_ENCRYPT =
                "ELGduP2YcVatjqIS+eZbp80MNLoAUWvzzyJxgGzxZO/5sAvd070Bs6qrLARC9nVHm48Y4hyRbtzve1L32tmxSQ==";
        public static final String REPLY_TIMESTAMP = "1713424427";
        public static final String REPLY_NONCE = "415670741";
        public static final String REPLY_MSG_SIGNATURE = "1b9339964ed2e271e7c7b6ff2b0ef902fc94dea1";

        private A() {}
    }

    /** Vector B: Tencent Java sample WXBizMsgCryptTest (deterministic AES). */
    public static final class B {
        public static final String ENCODING_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        public static final String AES_KEY_HEX = "69b71d79f8218a39259a7a29aabb2dbafc31cb3d35db7e39ebbf3d0010831051";
        public static final String TOKEN = "pamtest";
        public static final String TIMESTAMP = "1409304348";
        public static final String NONCE = "xxxxxx";
        public static final String APP_ID = "wxb11529c136998cb6";
        public static final String RANDOM = "aaaabbbbccccdddd";
        public static final String REPLY_MSG = "我是中文abcd123";
        public static final String AFTER_AES_ENCRYPT =
                "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";
        public static final String REPLY_MSG_2 =
                "<xml><ToUserName><![CDATA[oia2Tj我是中文jewbmiOUlr6X-1crbLOvLw]]></ToUserName><FromUserName><![CDATA[gh_7f083739789a]]></FromUserName><CreateTime>1407743423</CreateTime><MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[eYJ1MbwPRJtOvIEabaxHs7TX2D-HV71s79GUxqdUkjm6Gs2Ed1KF3ulAOA9H1xG0]]></MediaId><Title><![CDATA[testCallBackReplyVideo]]></Title><Description><![CDATA[testCallBackReplyVideo]]></Description></Video></xml>";
        public static final String AFTER_AES_ENCRYPT_2 =
                "jn1L23DB+6ELqJ+6bruv23M2GmYfkv0xBh2h+XTBOKVKcgDFHle6gqcZ1cZrk3e1qjPQ1F4RsLWzQRG9udbKWesxlkupqcEcW7ZQweImX9+wLMa0GaUzpkycA8+IamDBxn5loLgZpnS7fVAbExOkK5DYHBmv5tptA9tklE/fTIILHR8HLXa5nQvFb3tYPKAlHF3rtTeayNf0QuM+UW/wM9enGIDIJHF7CLHiDNAYxr+r+OrJCmPQyTy8cVWlu9iSvOHPT/77bZqJucQHQ04sq7KZI27OcqpQNSto2OdHCoTccjggX5Z9Mma0nMJBU+jLKJ38YB1fBIz+vBzsYjrTmFQ44YfeEuZ+xRTQwr92vhA9OxchWVINGC50qE/6lmkwWTwGX9wtQpsJKhP+oS7rvTY8+VdzETdfakjkwQ5/Xka042OlUb1/slTwo4RscuQ+RdxSGvDahxAJ6+EAjLt9d8igHngxIbf6YyqqROxuxqIeIch3CssH/LqRs+iAcILvApYZckqmA7FNERspKA5f8GoJ9sv8xmGvZ9Yrf57cExWtnX8aCMMaBropU/1k+hKP5LVdzbWCG0hGwx/dQudYR/eXp3P0XxjlFiy+9DMlaFExWUZQDajPkdPrEeOwofJb";
        /** Derived in the spec (not official): msg_signature of AFTER_AES_ENCRYPT with the values above. */
        public static final String DERIVED_MSG_SIGNATURE = "82c962d39941aa48552f90ef55aa323dc620cc10";

        private B() {}
    }

    /** Vector C: Tencent Python sample Sample.py (compatible-mode decrypt). */
    public static final class C {
        public static final String ENCODING_AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
        public static final String TOKEN = "spamtest";
        public static final String APP_ID = "wx2c2769f8efd9abc2";
        public static final String TIMESTAMP = "1409735669";
        public static final String NONCE = "1320562132";
        public static final String MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";
        public static final String ENCRYPT =
                "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";
        public static final String MSG =
                "<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>\n<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>\n<CreateTime>1409735668</CreateTime>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[abcdteT]]></Content>\n<MsgId>6054768590064713728</MsgId>\n</xml>";

        private C() {}
    }
}
