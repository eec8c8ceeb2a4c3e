package com.wxqr.emulator.users;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Avatar images: a symmetric 5×5 identicon derived from the avatar id, as a PNG. Needs no fonts. */
public final class Avatars {

    private Avatars() {}

    /** The grey default avatar of virtual profiles (snapshot pages). */
    public static byte[] defaultPng(int size) {
        int px = size == 0 ? 640 : Math.max(16, Math.min(size, 640));
        BufferedImage img = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xD8D8D8));
        g.fillRect(0, 0, px, px);
        g.setColor(new Color(0xBDBDBD));
        g.fillOval(px / 3, px / 5, px / 3, px / 3);
        g.fillOval(px / 5, px * 3 / 5, px * 3 / 5, px * 3 / 5);
        g.dispose();
        return encode(img);
    }

    /**
     * The avatar PNG. {@code size} follows WeChat's headimgurl suffix: 46, 64, 96, 132, or 0 for 640.
     */
    public static byte[] png(String avatarId, int size) {
        int px = size == 0 ? 640 : Math.max(16, Math.min(size, 640));
        int h = avatarId.hashCode();
        Color fg = Color.getHSBColor(((h >>> 8) & 0xff) / 255f, 0.55f, 0.85f);
        BufferedImage img = new BufferedImage(px, px, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(0xF2F2F2));
        g.fillRect(0, 0, px, px);
        g.setColor(fg);
        int cell = px / 6;
        int offset = (px - cell * 5) / 2;
        long bits = ((long) avatarId.hashCode() << 32)
                ^ avatarId.chars().asLongStream().reduce(7, (a, c) -> a * 31 + c);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 3; x++) {
                if (((bits >>> (y * 3 + x)) & 1) == 1) {
                    g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
                    g.fillRect(offset + (4 - x) * cell, offset + y * cell, cell, cell);
                }
            }
        }
        g.dispose();
        return encode(img);
    }

    private static byte[] encode(BufferedImage img) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
