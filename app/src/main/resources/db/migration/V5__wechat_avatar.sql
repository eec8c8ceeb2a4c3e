-- The owner's avatar, copied at web authorization: WeChat's headimgurl dies when the user changes
-- their avatar, so the quote page serves this copy (bounded size, checked image type).
create table wechat_avatar (
    openid       varchar(64)              primary key,
    content_type varchar(32)              not null,
    image        bytea                    not null,
    fetched_at   timestamp with time zone not null
);
