package io.doris2pc.e2e.chaos;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * One chaos run, kept in a directory that outlives job restarts and JVMs: the {@code armed} file lets the failure
 * fire (tests create it once the scenario reaches the moment to disturb), the {@code fired} marker makes it fire
 * only once, and the {@link ChaosLedger} records what the sink did. Serializable, so every operator of the job can
 * hold it.
 */
public final class ChaosRun implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final String ARMED = "armed";
    private static final String FIRED = "fired";

    private final String dir;

    public ChaosRun(Path dir) {
        this.dir = dir.toAbsolutePath().toString();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the chaos directory " + dir, e);
        }
    }

    public Path dir() {
        return Paths.get(dir);
    }

    public ChaosLedger ledger() {
        return new ChaosLedger(dir().resolve("ledger.tsv"));
    }

    /** From now on the failure may fire (still only once). */
    public void arm() {
        try {
            Files.writeString(dir().resolve(ARMED), "");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot arm the chaos run in " + dir, e);
        }
    }

    public boolean isArmed() {
        return Files.exists(dir().resolve(ARMED));
    }

    public boolean fired() {
        return Files.exists(dir().resolve(FIRED));
    }

    /**
     * Throws {@link InjectedFailure} if the run is armed and no failure fired before in this directory; the marker
     * file is created atomically, so of several subtasks or attempts reaching the point only one fails.
     */
    void fireOnce(FailurePoint point, String where) {
        fireOnce(point, where, () -> {});
    }

    /** As {@link #fireOnce(FailurePoint, String)}, running {@code justBefore} only when the failure fires. */
    void fireOnce(FailurePoint point, String where, Runnable justBefore) {
        if (!isArmed()) {
            return;
        }
        try {
            Files.createFile(dir().resolve(FIRED));
        } catch (FileAlreadyExistsException e) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot mark the chaos failure in " + dir, e);
        }
        ledger().fired(point, where);
        justBefore.run();
        throw new InjectedFailure(point, where + ", chaos directory " + dir);
    }

    @Override
    public String toString() {
        return "chaos run " + dir;
    }
}
