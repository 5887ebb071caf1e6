package io.millrace.executor.dataflow;

/**
 * Lets the caller of a dataflow step stop it: operators call {@link #check()} between pieces of
 * work, and it throws whatever the installed check throws (e.g. 57014 for a cancelled query).
 */
public final class StepControl {
    private volatile Runnable check = () -> { };

    /** Installs the check run between pieces of work; it throws to stop the step. */
    public void setCheck(Runnable check) {
        this.check = check == null ? () -> { } : check;
    }

    public void check() {
        check.run();
    }
}
