package io.kubemagic.engine.console;

/** A console that masks every registered secret before the text reaches the real console. */
public final class MaskingConsole implements Console {
    private final Console delegate;
    private final SecretMasker masker;

    public MaskingConsole(Console delegate, SecretMasker masker) {
        this.delegate = delegate;
        this.masker = masker;
    }

    public SecretMasker masker() {
        return masker;
    }

    @Override
    public void line(String text) {
        delegate.line(masker.mask(text));
    }

    @Override
    public void progress(String text) {
        delegate.progress(masker.mask(text));
    }

    @Override
    public void warn(String text) {
        delegate.warn(masker.mask(text));
    }
}
