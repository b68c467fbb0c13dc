// Tests for charts: series ranges and caches, titles, legend, placement rules.
import CXlsxWriter
import XCTest
@testable import Xlsx

final class ChartTests: XCTestCase {
    private func fill(_ sheet: Worksheet) throws {
        try sheet.write("类别", row: 0, column: 0)
        try sheet.write("金额", row: 0, column: 1)
        for (index, (name, amount)) in [("慰问", 440.0), ("帮扶", 1624.5)].enumerated() {
            try sheet.write(name, row: index + 1, column: 0)
            try sheet.write(number: amount, row: index + 1, column: 1)
        }
    }

    func testColumnChartWithQuotedNonASCIISheetAndCaches() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("帮扶 O'Neil")
            try fill(sheet)
            let chart = workbook.addChart(.column)
            chart.addSeries(categories: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 0, lastRow: 2, lastColumn: 0),
                            values: Chart.range(sheet: sheet.name, firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 1),
                            name: "金额")
            chart.setTitle("按类别")
            chart.setXAxisName("类别")
            chart.setYAxisName("元")
            chart.hideLegend()
            try sheet.insertChart(chart, row: 4, column: 3, xScale: 1.5, yScale: 1)
        }
        let xml = try zipEntryText(url, "xl/charts/chart1.xml")
        assertContains(xml, #"<c:barDir val="col"/>"#)
        assertContains(xml, #"<c:tx><c:v>金额</c:v></c:tx>"#)
        assertContains(xml, #"<c:cat><c:strRef><c:f>'帮扶 O''Neil'!$A$2:$A$3</c:f><c:strCache><c:ptCount val="2"/><c:pt idx="0"><c:v>慰问</c:v></c:pt><c:pt idx="1"><c:v>帮扶</c:v></c:pt></c:strCache></c:strRef></c:cat>"#)
        assertContains(xml, #"<c:val><c:numRef><c:f>'帮扶 O''Neil'!$B$2:$B$3</c:f><c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="2"/><c:pt idx="0"><c:v>440</c:v></c:pt><c:pt idx="1"><c:v>1624.5</c:v></c:pt></c:numCache></c:numRef></c:val>"#)
        assertContains(xml, "<a:t>按类别</a:t>")
        assertContains(xml, "<a:t>类别</a:t>")
        assertContains(xml, "<a:t>元</a:t>")
        assertNotContains(xml, "<c:legend>")
        let drawing = try zipEntryText(url, "xl/drawings/drawing1.xml")
        assertContains(drawing, "<xdr:from><xdr:col>3</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>4</xdr:row>")
    }

    func testPieAndLineChartsAndLiteralNamesStartingWithEquals() throws {
        let url = try writeWorkbook(self) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            try fill(sheet)
            let pie = workbook.addChart(.pie)
            pie.addSeries(categories: "=Data!$A$2:$A$3", values: "=Data!$B$2:$B$3", name: "=B1")
            pie.setTitle("=not a reference")
            try sheet.insertChart(pie, row: 5, column: 0)
            let line = workbook.addChart(.line)
            line.addSeries(categories: "", values: "=Data!$B$2:$B$3", name: nil)
            try sheet.insertChart(line, row: 20, column: 0)
            let bar = workbook.addChart(.bar)
            bar.addSeries(categories: "", values: "=Data!$B$2:$B$3", name: nil)
            try sheet.insertChart(bar, row: 35, column: 0)
        }
        let pie = try zipEntryText(url, "xl/charts/chart1.xml")
        assertContains(pie, "<c:pieChart>")
        assertContains(pie, "<c:tx><c:v>\u{200B}=B1</c:v></c:tx>")
        assertContains(pie, "<a:t>\u{200B}=not a reference</a:t>")
        assertContains(pie, "<c:f>Data!$A$2:$A$3</c:f>")
        assertContains(try zipEntryText(url, "xl/charts/chart2.xml"), "<c:lineChart>")
        assertContains(try zipEntryText(url, "xl/charts/chart3.xml"), #"<c:barDir val="bar"/>"#)
    }

    func testConstantMemoryChartsHaveNoCaches() throws {
        let url = try writeWorkbook(self, constantMemory: true) { workbook in
            let sheet = try workbook.addWorksheet("Data")
            try fill(sheet)
            let chart = workbook.addChart(.column)
            chart.addSeries(categories: Chart.range(sheet: "Data", firstRow: 1, firstColumn: 0, lastRow: 2, lastColumn: 0),
                            values: Chart.range(sheet: "Data", firstRow: 1, firstColumn: 1, lastRow: 2, lastColumn: 1),
                            name: nil)
            try sheet.insertChart(chart, row: 4, column: 0)
        }
        let xml = try zipEntryText(url, "xl/charts/chart1.xml")
        // libxlsxwriter quotes only the sheet names that need it.
        assertContains(xml, "<c:val><c:numRef><c:f>Data!$B$2:$B$3</c:f></c:numRef></c:val>")
        assertNotContains(xml, "<c:pt ")
    }

    func testPlacementRules() throws {
        let folder = try makeTemporaryFolder(self)
        let workbook = try Workbook(path: folder.appendingPathComponent("a.xlsx").path)
        let other = try Workbook(path: folder.appendingPathComponent("b.xlsx").path)
        let sheet = try workbook.addWorksheet("Data")
        try fill(sheet)

        let empty = workbook.addChart(.column)
        let noSeries = expectXlsxError { try sheet.insertChart(empty, row: 0, column: 3) }
        XCTAssertEqual(noSeries?.code, Int32(LXW_ERROR_PARAMETER_VALIDATION.rawValue))

        let foreign = other.addChart(.column)
        foreign.addSeries(categories: "", values: "=Data!$B$2:$B$3", name: nil)
        let wrongBook = expectXlsxError { try sheet.insertChart(foreign, row: 0, column: 3) }
        XCTAssertEqual(wrongBook?.context, "placing a chart at Data!D1: the chart belongs to another workbook")

        let chart = workbook.addChart(.line)
        chart.addSeries(categories: "", values: "=Data!$B$2:$B$3", name: nil)
        try sheet.insertChart(chart, row: 0, column: 3)
        XCTAssertNotNil(expectXlsxError { try sheet.insertChart(chart, row: 20, column: 3) })
        try workbook.close()
        try other.close()
    }

    func testSeriesWithoutValuesIsReportedByClose() throws {
        let url = try makeTemporaryFolder(self).appendingPathComponent("chart.xlsx")
        let workbook = try Workbook(path: url.path)
        _ = try workbook.addWorksheet("Data")
        workbook.addChart(.column).addSeries(categories: "=Data!$A$1:$A$2", values: "", name: nil)
        let error = expectXlsxError { try workbook.close() }
        XCTAssertEqual(error?.context, "adding a series to a chart of chart.xlsx: the values range is empty")
    }
}
