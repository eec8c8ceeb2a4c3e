package com.wxqr.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Cells a spreadsheet would run as formulas are exported as text; others unchanged. */
class CsvCellsTest {

    @Test
    void formulaStartsAreNeutralised() {
        String link = "=HYPERLINK(\"http://evil.example\",\"点我\")";
        assertThat(CsvCells.neutral(link)).isEqualTo("'" + link);
        for (String formula : new String[] {"+1+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}) {
            assertThat(CsvCells.neutral(formula)).isEqualTo("'" + formula);
        }
    }

    @Test
    void otherCellsAreUnchanged() {
        for (String plain : new String[] {"baidu / spring", "小红", "a=b", "直接访问", ""}) {
            assertThat(CsvCells.neutral(plain)).isEqualTo(plain);
        }
        assertThat(CsvCells.neutral(null)).isNull();
    }
}
