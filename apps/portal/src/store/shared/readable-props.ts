/**
 * Mantine's light alerts colour their title with the alert's colour, below 4.5:1 on the tinted background for
 * yellow and teal: the title takes the body text's colour, the icon and border keep the alert's.
 */
export const READABLE_ALERT = { title: { color: 'var(--mantine-color-text)' } } as const;

/** A dialog's close button (an X without text) with a name; "Close dialog", so it differs from a Close button in the dialog. */
export const NAMED_CLOSE_BUTTON = { 'aria-label': 'Close dialog' } as const;
