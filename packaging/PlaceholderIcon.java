import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Draws the placeholder application icon packaging/package uses while icons/ has no PNG yet:
 * {@code java packaging/PlaceholderIcon.java <out.png> [size]}. Three linked nodes on a dark rounded square.
 */
public final class PlaceholderIcon {
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(new Color(0x2b2d42));
        int arc = size / 4;
        g.fillRoundRect(0, 0, size, size, arc, arc);
        int[][] nodes = {{size / 2, size / 4}, {size / 4, size * 2 / 3}, {size * 3 / 4, size * 2 / 3}};
        g.setColor(new Color(0xd97757));
        g.setStroke(new BasicStroke(size / 24f));
        for (int i = 0; i < nodes.length; i++) {
            int[] a = nodes[i];
            int[] b = nodes[(i + 1) % nodes.length];
            g.drawLine(a[0], a[1], b[0], b[1]);
        }
        int r = size / 9;
        for (int[] n : nodes) {
            g.fillOval(n[0] - r, n[1] - r, 2 * r, 2 * r);
        }
        g.dispose();
        ImageIO.write(img, "png", new File(args[0]));
    }
}
