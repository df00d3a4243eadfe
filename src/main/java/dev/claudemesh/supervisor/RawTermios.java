package dev.claudemesh.supervisor;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jline.nativ.CLibrary.Termios;

/**
 * Raw mode computed from saved modes, without running {@code stty}: exactly what GNU {@code stty raw -echo -echonl
 * -iexten cs8 -parenb} ({@link SttyTerminalModes#RAW}) sets (every input flag off, no output processing, no
 * signal keys, no line editing, no echo, 8 bits, no parity, reads return from 1 byte), for Linux on the CPUs whose {@code termios} bits are
 * the generic ones (x86-64, ARM). Elsewhere empty, and {@code stty} does it.
 */
final class RawTermios {
    // <asm-generic/termbits.h>, octal as there
    private static final long OFLAG_OFF = 01; // OPOST
    static final long ICANON = 02;
    private static final long LFLAG_OFF =
            01 | ICANON | 04 | 010 | 0100 | 0100000; // ISIG ICANON XCASE ECHO ECHONL IEXTEN
    private static final long CSIZE = 060;
    private static final long CS8 = 060;
    private static final long PARENB = 0400;
    private static final int VTIME = 5;
    private static final int VMIN = 6;

    private RawTermios() {}

    /** Linux on x86-64 and ARM, whose {@code termios} bits are the generic ones used here. */
    static boolean bitsKnown(String osName, String osArch) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && Set.of("amd64", "x86_64", "aarch64", "arm", "arm64").contains(osArch.toLowerCase(Locale.ROOT));
    }

    /** Raw mode derived from {@code modes} (left unchanged), where the bits are known. */
    static Optional<Termios> from(Termios modes, String osName, String osArch) {
        return from(modes, osName, osArch, false);
    }

    /** As {@link #from(Termios, String, String)}; with {@code keepOutput}, the output flags stay as in {@code modes}. */
    static Optional<Termios> from(Termios modes, String osName, String osArch, boolean keepOutput) {
        if (!bitsKnown(osName, osArch)) {
            return Optional.empty();
        }
        Termios raw = new Termios();
        raw.c_iflag = 0; // as GNU stty's "raw" does
        raw.c_oflag = keepOutput ? modes.c_oflag : modes.c_oflag & ~OFLAG_OFF;
        raw.c_cflag = (modes.c_cflag & ~(CSIZE | PARENB)) | CS8;
        raw.c_lflag = modes.c_lflag & ~LFLAG_OFF;
        raw.c_cc = modes.c_cc.clone();
        raw.c_cc[VMIN] = 1;
        raw.c_cc[VTIME] = 0;
        raw.c_ispeed = modes.c_ispeed;
        raw.c_ospeed = modes.c_ospeed;
        return Optional.of(raw);
    }
}
