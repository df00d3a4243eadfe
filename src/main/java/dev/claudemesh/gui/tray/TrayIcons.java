package dev.claudemesh.gui.tray;

import dev.claudemesh.gui.tray.SniTypes.Pixmap;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** The icons in the jar ({@code icons/} of the source tree), as images and as SNI pixmaps. */
public final class TrayIcons {
    /** The sizes a StatusNotifierItem host picks from (GNOME and Plasma draw 16-32 px, HiDPI doubles). */
    static final List<Integer> PIXMAP_SIZES = List.of(16, 22, 24, 32, 48, 64);

    private TrayIcons() {}

    public static URL url(boolean waiting, int size) {
        String name = "/dev/claudemesh/icons/claudemesh" + (waiting ? "-waiting" : "") + "-" + size + ".png";
        URL u = TrayIcons.class.getResource(name);
        if (u == null) {
            throw new IllegalStateException("icon " + name + " is missing from the jar");
        }
        return u;
    }

    public static BufferedImage image(boolean waiting, int size) {
        try (InputStream in = url(waiting, size).openStream()) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Pixmap> pixmaps(boolean waiting) {
        List<Pixmap> out = new ArrayList<>();
        for (int size : PIXMAP_SIZES) {
            out.add(toPixmap(image(waiting, size)));
        }
        return out;
    }

    static Pixmap toPixmap(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        byte[] data = new byte[w * h * 4];
        int i = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int argb = img.getRGB(x, y); // network byte order: A R G B
                data[i++] = (byte) (argb >>> 24);
                data[i++] = (byte) (argb >>> 16);
                data[i++] = (byte) (argb >>> 8);
                data[i++] = (byte) argb;
            }
        }
        return new Pixmap(w, h, data);
    }
}
