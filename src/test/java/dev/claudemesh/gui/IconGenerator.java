package dev.claudemesh.gui;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the app icons into {@code icons/}: a terracotta tile with four white nodes, every pair joined (a
 * mesh), and a variant whose top-right node is a yellow badge (work is waiting). Each size is drawn on its
 * own pixel grid (line widths and node centres snapped so horizontal and vertical strokes stay crisp at
 * 16-32 px), and the SVG source is the same geometry on a 256 grid. Run it by hand and commit the output:
 * {@code java -cp target/test-classes dev.claudemesh.gui.IconGenerator icons}.
 */
public final class IconGenerator {
    static final List<Integer> SIZES = List.of(16, 22, 24, 32, 48, 64, 128, 256);
    static final Color TILE = new Color(0xC15F3C);
    static final Color INK = Color.WHITE;
    static final Color BADGE = new Color(0xFFD43B);
    static final Color RING = new Color(0x3A1D12);

    /** The geometry of one size, in pixels. */
    record Layout(
            int size,
            double margin,
            double radius,
            double lw,
            double near,
            double far,
            double node,
            double badge,
            double ring) {
        static Layout of(int s) {
            int lw = Math.max(1, (int) Math.round(s / 14.0));
            boolean odd = lw % 2 == 1;
            double near = odd ? Math.floor(s * 0.27) + 0.5 : Math.round(s * 0.27);
            int node = (int) Math.round(s * 0.22);
            if (node % 2 != lw % 2) {
                node++;
            }
            double margin = s <= 24 ? 0 : Math.round(s / 32.0);
            int badge = (int) Math.round(s * 0.40);
            if (badge % 2 != lw % 2) {
                badge++;
            }
            return new Layout(s, margin, s * 0.2, lw, near, s - near, node, badge, Math.max(1, Math.round(s / 16.0)));
        }
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "icons");
        Files.createDirectories(out);
        for (boolean waiting : List.of(false, true)) {
            String name = waiting ? "claudemesh-waiting" : "claudemesh";
            for (int s : SIZES) {
                ImageIO.write(
                        draw(Layout.of(s), waiting),
                        "png",
                        out.resolve(name + "-" + s + ".png").toFile());
            }
            Files.writeString(out.resolve(name + ".svg"), svg(Layout.of(256), waiting), StandardCharsets.UTF_8);
        }
    }

    static BufferedImage draw(Layout l, boolean waiting) {
        BufferedImage img = new BufferedImage(l.size(), l.size(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        double m = l.margin();
        double side = l.size() - 2 * m;
        g.setColor(TILE);
        g.fill(new RoundRectangle2D.Double(m, m, side, side, 2 * l.radius(), 2 * l.radius()));
        double[][] nodes = nodes(l);
        g.setColor(INK);
        if (l.size() <= 16) {
            drawPixelMesh(g, l, waiting);
            g.dispose();
            return img;
        }
        g.setStroke(new BasicStroke((float) l.lw(), BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        for (int i = 0; i < nodes.length; i++) {
            for (int j = i + 1; j < nodes.length; j++) {
                g.draw(new Line2D.Double(nodes[i][0], nodes[i][1], nodes[j][0], nodes[j][1]));
            }
        }
        for (int i = 0; i < nodes.length; i++) {
            if (waiting && i == 1) {
                continue;
            }
            double r = l.node() / 2;
            g.fill(new Ellipse2D.Double(nodes[i][0] - r, nodes[i][1] - r, l.node(), l.node()));
        }
        if (waiting) {
            double r = l.badge() / 2;
            double cx = nodes[1][0];
            double cy = nodes[1][1];
            g.setColor(RING);
            double rr = r + l.ring();
            g.fill(new Ellipse2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr));
            g.setColor(BADGE);
            g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
        g.dispose();
        return img;
    }

    /**
     * 16 px by hand on the pixel grid: 1 px edges without anti-aliasing (the 45-degree diagonals land on
     * whole pixels), nodes as 3x3 dots with their corners half lit.
     */
    static void drawPixelMesh(Graphics2D g, Layout l, boolean waiting) {
        int a = (int) Math.floor(l.near());
        int b = (int) Math.floor(l.far());
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.drawLine(a, a, b, a);
        g.drawLine(b, a, b, b);
        g.drawLine(b, b, a, b);
        g.drawLine(a, b, a, a);
        g.drawLine(a, a, b, b);
        g.drawLine(b, a, a, b);
        int[][] at = {{a, a}, {b, a}, {b, b}, {a, b}};
        for (int i = 0; i < at.length; i++) {
            if (waiting && i == 1) {
                continue;
            }
            int x = at[i][0];
            int y = at[i][1];
            g.setColor(INK);
            g.fillRect(x - 1, y - 2, 3, 5);
            g.fillRect(x - 2, y - 1, 5, 3);
        }
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        if (waiting) {
            double cx = b + 0.5;
            double cy = a + 0.5;
            double r = l.badge() / 2;
            double rr = r + l.ring();
            g.setColor(RING);
            g.fill(new Ellipse2D.Double(cx - rr, cy - rr, 2 * rr, 2 * rr));
            g.setColor(BADGE);
            g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
        }
    }

    /** Top-left, top-right, bottom-right, bottom-left. */
    static double[][] nodes(Layout l) {
        return new double[][] {{l.near(), l.near()}, {l.far(), l.near()}, {l.far(), l.far()}, {l.near(), l.far()}};
    }

    static String svg(Layout l, boolean waiting) {
        StringBuilder b = new StringBuilder();
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"256\" height=\"256\" viewBox=\"0 0 256 256\">\n");
        b.append("  <title>claudemesh").append(waiting ? " (work waiting)" : "").append("</title>\n");
        double m = l.margin();
        b.append(f(
                "  <rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" rx=\"%s\" fill=\"%s\"/>\n",
                m, m, l.size() - 2 * m, l.size() - 2 * m, l.radius(), hex(TILE)));
        double[][] n = nodes(l);
        b.append(f("  <g stroke=\"%s\" stroke-width=\"%s\" fill=\"none\">\n", hex(INK), l.lw()));
        for (int i = 0; i < n.length; i++) {
            for (int j = i + 1; j < n.length; j++) {
                b.append(
                        f("    <line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>\n", n[i][0], n[i][1], n[j][0], n[j][1]));
            }
        }
        b.append("  </g>\n");
        b.append(f("  <g fill=\"%s\">\n", hex(INK)));
        for (int i = 0; i < n.length; i++) {
            if (!(waiting && i == 1)) {
                b.append(f("    <circle cx=\"%s\" cy=\"%s\" r=\"%s\"/>\n", n[i][0], n[i][1], l.node() / 2));
            }
        }
        b.append("  </g>\n");
        if (waiting) {
            b.append(f(
                    "  <circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n",
                    n[1][0], n[1][1], l.badge() / 2 + l.ring(), hex(RING)));
            b.append(f(
                    "  <circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n",
                    n[1][0], n[1][1], l.badge() / 2, hex(BADGE)));
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static String f(String fmt, Object... args) {
        Object[] a = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            a[i] = args[i] instanceof Double d ? num(d) : args[i];
        }
        return String.format(Locale.ROOT, fmt, a);
    }

    private static String num(double d) {
        return d == Math.rint(d)
                ? Long.toString((long) d)
                : String.format(Locale.ROOT, "%.2f", d).replaceAll("0+$", "");
    }

    private static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }
}
