using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Time;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Orchestration.Workflows.Records;

/// <summary>
/// The cadre's full-process record on paper (全程记实表) as a PDF: A4, the department's heading, the same columns as the page, the
/// CJK font embedded as a subset with its Unicode map, so the text can be searched and copied out of the file.
/// </summary>
public static class CadreRecordPdf
{
    /// <summary>The record as a PDF document, set in <paramref name="fontFamily"/> (from <see cref="RecordFont.Use"/>).</summary>
    public static byte[] Render(CadreRecordView record, string department, CountyClock clock, string tenantId, string fontFamily)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{department} 干部选拔任用全程记实表 {record.CadreName}".Trim();
        document.Info.Subject = $"干部编号 {record.CadreId}";
        var writer = new RecordPdfWriter(document, fontFamily);
        writer.Heading($"{department} 干部选拔任用全程记实表", 16);
        writer.Line($"干部：{record.CadreName ?? "（档案未建）"}    干部编号：{record.CadreId}", 9);
        writer.Line($"打印时间：{clock.Local(clock.UtcNow, tenantId):yyyy-MM-dd HH:mm}（县时间）", 9);
        writer.Gap(6);

        writer.Heading("程序与记实校验", 12);
        writer.Table([90, 190, 70, 160], ["程序", "名称", "状态", "记实校验"],
            record.Procedures.Select(p => new[] { p.DefinitionId, p.Name, p.Status, p.JournalValid ? "完整" : "已被改动：" + p.JournalProblem }));
        writer.Gap(8);

        writer.Heading("逐项记实", 12);
        writer.Table([76, 116, 62, 50, 70, 136], ["时间", "环节", "经办人", "结果", "依据", "存档"],
            record.Entries.Select(e => new[]
            {
                e.When(clock, tenantId), e.Step, e.ActorShown, e.Outcome ?? "", RuleNames.Shown(e.RuleId), e.Evidence ?? "",
            }));
        return writer.Finish();
    }
}

/// <summary>Lays text and tables down A4 pages, starting a page (and repeating a table's header) when the next row does not fit.</summary>
internal sealed class RecordPdfWriter(PdfDocument document, string fontFamily)
{
    const double Margin = 42.5; // 15 mm
    const double Top = 51; // 18 mm
    const double Padding = 3;

    readonly Dictionary<double, XFont> fonts = [];
    PdfPage? page;
    XGraphics? graphics;
    double y;
    int pages;

    XFont Font(double size, bool bold = false)
    {
        var key = bold ? -size : size;
        if (!fonts.TryGetValue(key, out var font))
            fonts[key] = font = new XFont(fontFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
        return font;
    }

    XGraphics Graphics => graphics ?? NewPage();

    double Width => page!.Width.Point - 2 * Margin;

    double Bottom => page!.Height.Point - Top;

    XGraphics NewPage()
    {
        graphics?.Dispose();
        page = document.AddPage();
        page.Size = PageSize.A4;
        graphics = XGraphics.FromPdfPage(page);
        pages++;
        graphics.DrawString($"第 {pages} 页", Font(8), XBrushes.Gray, new XRect(Margin, page.Height.Point - Top + 12, page.Width.Point - 2 * Margin, 12),
            XStringFormats.TopCenter);
        y = Top;
        return graphics;
    }

    public void Heading(string text, double size)
    {
        var g = Graphics;
        var font = Font(size, bold: true);
        var height = font.GetHeight() + 4;
        if (y + height > Bottom) g = NewPage();
        g.DrawString(text, font, XBrushes.Black, new XRect(Margin, y, Width, height), size >= 14 ? XStringFormats.TopCenter : XStringFormats.TopLeft);
        y += height;
    }

    public void Line(string text, double size, bool centered = true)
    {
        var g = Graphics;
        var font = Font(size);
        foreach (var line in Wrap(g, text, font, Width))
        {
            if (y + font.GetHeight() > Bottom) g = NewPage();
            g.DrawString(line, font, XBrushes.Black, new XRect(Margin, y, Width, font.GetHeight()), centered ? XStringFormats.TopCenter : XStringFormats.TopLeft);
            y += font.GetHeight() + 1;
        }
    }

    public void Gap(double points) => y += points;

    public void Table(double[] widths, string[] header, IEnumerable<string[]> rows)
    {
        var scale = Width / widths.Sum();
        var columns = widths.Select(w => w * scale).ToArray();
        var font = Font(8.5);
        var headerFont = Font(8.5, bold: true);
        Row(header, columns, headerFont, shaded: true);
        foreach (var row in rows)
        {
            var lines = row.Select((cell, i) => Wrap(Graphics, cell, font, columns[i] - 2 * Padding)).ToArray();
            if (y + RowHeight(lines, font) > Bottom)
            {
                NewPage();
                Row(header, columns, headerFont, shaded: true);
            }
            Draw(lines, columns, font, shaded: false);
        }
    }

    void Row(string[] cells, double[] columns, XFont font, bool shaded)
    {
        var lines = cells.Select((cell, i) => Wrap(Graphics, cell, font, columns[i] - 2 * Padding)).ToArray();
        if (y + RowHeight(lines, font) > Bottom) NewPage();
        Draw(lines, columns, font, shaded);
    }

    /// <summary>
    /// A form's table with its borders (推荐干部登记表, 有关事项公开表, 自我评价表): the columns share the width evenly, a cell spans
    /// its columns, label cells are shaded and bold, a cell left to fill in by hand is 30 mm high at least; rows go down in order and
    /// a row that does not fit starts a page.
    /// </summary>
    public void Form(IReadOnlyList<IReadOnlyList<Notices.NoticeCell>> rows)
    {
        const double Tall = 85; // 30 mm
        var columns = rows.Max(r => r.Sum(c => c.Span));
        var unit = Width / columns;
        var font = Font(10.5);
        var labelFont = Font(10.5, bold: true);
        y += 4;
        foreach (var row in rows)
        {
            var cells = row.Select(c => (Cell: c, Width: unit * c.Span, Font: c.Header ? labelFont : font)).ToList();
            cells[^1] = cells[^1] with { Width = Width - cells.Take(cells.Count - 1).Sum(c => c.Width) }; // a short row's last cell fills the line
            var lines = cells.Select(c => Wrap(Graphics, c.Cell.Text, c.Font, c.Width - 2 * Padding)).ToArray();
            var height = Math.Max(lines.Max(l => l.Count) * (font.GetHeight() + 1) + 2 * Padding, row.Any(c => c.Tall) ? Tall : 0);
            if (y + height > Bottom) NewPage();
            var g = Graphics;
            var x = Margin;
            for (var i = 0; i < cells.Count; i++)
            {
                var box = new XRect(x, y, cells[i].Width, height);
                if (cells[i].Cell.Header) g.DrawRectangle(XBrushes.WhiteSmoke, box);
                g.DrawRectangle(new XPen(XColors.Black, 0.75), box);
                var lineY = y + Padding;
                foreach (var line in lines[i])
                {
                    g.DrawString(line, cells[i].Font, XBrushes.Black, new XRect(x + Padding, lineY, cells[i].Width - 2 * Padding, font.GetHeight()),
                        XStringFormats.TopLeft);
                    lineY += font.GetHeight() + 1;
                }
                x += cells[i].Width;
            }
            y += height;
        }
        y += 4;
    }

    static double RowHeight(IReadOnlyList<string>[] lines, XFont font) => lines.Max(l => l.Count) * (font.GetHeight() + 1) + 2 * Padding;

    void Draw(IReadOnlyList<string>[] lines, double[] columns, XFont font, bool shaded)
    {
        var g = Graphics;
        var height = RowHeight(lines, font);
        var x = Margin;
        for (var i = 0; i < columns.Length; i++)
        {
            var cell = new XRect(x, y, columns[i], height);
            if (shaded) g.DrawRectangle(XBrushes.Gainsboro, cell);
            g.DrawRectangle(new XPen(XColors.DimGray, 0.5), cell);
            var lineY = y + Padding;
            foreach (var line in lines[i])
            {
                g.DrawString(line, font, XBrushes.Black, new XRect(x + Padding, lineY, columns[i] - 2 * Padding, font.GetHeight()), XStringFormats.TopLeft);
                lineY += font.GetHeight() + 1;
            }
            x += columns[i];
        }
        y += height;
    }

    /// <summary>Breaks text into lines no wider than <paramref name="width"/>: Chinese has no spaces, so a line may break after any character.</summary>
    static IReadOnlyList<string> Wrap(XGraphics g, string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            foreach (var c in paragraph)
            {
                if (line.Length > 0 && g.MeasureString(line.ToString() + c, font).Width > width)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                }
                line.Append(c);
            }
            lines.Add(line.ToString());
        }
        return lines;
    }

    /// <summary>Ends the last page and gives the document's bytes.</summary>
    public byte[] Finish()
    {
        _ = Graphics; // an empty record is still one page
        graphics?.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
