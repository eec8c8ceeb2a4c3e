package com.wxqr.emulator.qrcode;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** QR images: renders text to a PNG and reads the text back from an uploaded image. */
public final class QrImages {

    private QrImages() {}

    /** A PNG of {@code text} as a QR code, {@code size} pixels square (WeChat's codes are 430). */
    public static byte[] png(String text, int size) {
        try {
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            text,
                            BarcodeFormat.QR_CODE,
                            size,
                            size,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("cannot encode as a QR code: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of the QR code in an image (PNG, JPEG, GIF, BMP); {@code IllegalArgumentException} when none is found. */
    public static String decode(byte[] image) {
        BufferedImage img;
        try {
            img = ImageIO.read(new ByteArrayInputStream(image));
        } catch (IOException e) {
            throw new IllegalArgumentException("the image cannot be read", e);
        }
        if (img == null) {
            throw new IllegalArgumentException("the upload is not an image (PNG, JPEG, GIF or BMP)");
        }
        BufferedImageLuminanceSource source = new BufferedImageLuminanceSource(img);
        // A clean rendering decodes best as a pure barcode; photos and screenshots need the binarizers.
        List<Map<DecodeHintType, Object>> hints = List.of(
                Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE), Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        for (BinaryBitmap bitmap : List.of(
                new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            for (Map<DecodeHintType, Object> hint : hints) {
                try {
                    return new QRCodeReader().decode(bitmap, hint).getText();
                } catch (NotFoundException | ChecksumException | FormatException e) {
                    // try the next way
                }
            }
        }
        throw new IllegalArgumentException("no QR code found in the image");
    }
}
