package com.wxqr.app.admin;

/** Page {@code page} (from 1) of {@code total} items, {@code size} per page. */
record Paging(int page, int size, int total) {

    public int pages() {
        return Math.max(1, (total + size - 1) / size);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages();
    }

    /** The page number typed into a URL; anything but 1..100000 is bad input. */
    static int page(String typed) {
        try {
            int p = Integer.parseInt(typed.strip());
            if (p >= 1 && p <= 100_000) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the sentence below
        }
        throw new BadInputException("页码应为 1 到 100000 之间的整数");
    }
}
