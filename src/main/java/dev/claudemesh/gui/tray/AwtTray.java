package dev.claudemesh.gui.tray;

import dev.claudemesh.notify.Notification;
import dev.claudemesh.notify.Notifier;
import java.awt.CheckboxMenuItem;
import java.awt.EventQueue;
import java.awt.GraphicsEnvironment;
import java.awt.MenuItem;
import java.awt.PopupMenu;
import java.awt.SystemTray;
import java.awt.TrayIcon;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fallback tray icon: AWT's {@link SystemTray} (XEmbed trays such as trayer, tint2, older panels;
 * Windows' notification area). The icon cannot be transparent on XEmbed, so it is drawn on its own tile.
 * AWT objects live on the AWT event thread; actions are handed to {@code run}.
 */
public final class AwtTray implements TrayHost {
    private static final Logger LOG = LoggerFactory.getLogger(AwtTray.class);

    private final TrayIcon icon;
    private final Consumer<Runnable> run;
    private final BufferedImage plain;
    private final BufferedImage waitingImage;

    private AwtTray(TrayIcon icon, Consumer<Runnable> run, BufferedImage plain, BufferedImage waitingImage) {
        this.icon = icon;
        this.run = run;
        this.plain = plain;
        this.waitingImage = waitingImage;
    }

    /** Whether this desktop has an XEmbed (or Windows) tray right now. */
    public static boolean supported() {
        if (GraphicsEnvironment.isHeadless()) {
            return false;
        }
        try {
            return CompletableFuture.supplyAsync(() -> {
                        try {
                            EventQueue.invokeAndWait(() -> {});
                        } catch (Exception e) {
                            return false;
                        }
                        return SystemTray.isSupported();
                    })
                    .get();
        } catch (Exception e) {
            return false;
        }
    }

    /** Adds the icon (blocks until the AWT thread has done it). */
    public static AwtTray start(Runnable onActivate, Consumer<Runnable> run) throws Exception {
        CompletableFuture<AwtTray> made = new CompletableFuture<>();
        EventQueue.invokeLater(() -> {
            try {
                int size = SystemTray.getSystemTray().getTrayIconSize().height;
                int px = size <= 16 ? 16 : size <= 22 ? 22 : size <= 24 ? 24 : size <= 32 ? 32 : 48;
                BufferedImage plain = TrayIcons.image(false, px);
                BufferedImage waiting = TrayIcons.image(true, px);
                TrayIcon ti = new TrayIcon(plain, "claudemesh", new PopupMenu());
                ti.setImageAutoSize(true);
                ti.addActionListener(e -> run.accept(onActivate)); // double click on X11, click on Windows
                SystemTray.getSystemTray().add(ti);
                made.complete(new AwtTray(ti, run, plain, waiting));
            } catch (Exception | Error e) {
                made.completeExceptionally(e);
            }
        });
        return made.get();
    }

    @Override
    public void setMenu(List<TrayMenuItem> items) {
        EventQueue.invokeLater(() -> {
            PopupMenu menu = icon.getPopupMenu();
            menu.removeAll();
            for (TrayMenuItem it : items) {
                if (it.isSeparator()) {
                    menu.addSeparator();
                    continue;
                }
                MenuItem mi;
                if (it.checked() != null) {
                    CheckboxMenuItem c = new CheckboxMenuItem(it.label(), it.checked());
                    c.addItemListener(e -> act(it));
                    mi = c;
                } else {
                    mi = new MenuItem(it.label());
                    mi.addActionListener(e -> act(it));
                }
                mi.setEnabled(it.enabled());
                menu.add(mi);
            }
        });
    }

    private void act(TrayMenuItem it) {
        if (it.action() != null) {
            run.accept(it.action());
        }
    }

    @Override
    public void setTooltip(String title, String text) {
        String tip = text.isEmpty() ? title : title + "\n" + text;
        EventQueue.invokeLater(() -> icon.setToolTip(tip));
    }

    @Override
    public void setWaiting(boolean waiting) {
        EventQueue.invokeLater(() -> icon.setImage(waiting ? waitingImage : plain));
    }

    @Override
    public String kind() {
        return "awt";
    }

    /**
     * Notifications as the icon's message (the Windows balloon or toast). A click on the message fires the
     * icon's action, which opens the window.
     */
    public Notifier notifier() {
        return new Notifier() {
            @Override
            public void show(Notification n) {
                EventQueue.invokeLater(() -> icon.displayMessage(n.summary(), n.body(), TrayIcon.MessageType.INFO));
            }

            @Override
            public String name() {
                return "tray";
            }
        };
    }

    @Override
    public void close() {
        try {
            EventQueue.invokeAndWait(() -> SystemTray.getSystemTray().remove(icon));
        } catch (Exception e) {
            LOG.debug("removing the tray icon: {}", e.toString());
        }
    }
}
