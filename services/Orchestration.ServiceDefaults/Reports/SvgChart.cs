using System.Globalization;
using System.Net;
using System.Text;

namespace Orchestration.ServiceDefaults.Reports;

/// <summary>One series of a chart: its name (the legend) and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal> Values);

/// <summary>
/// Bar and line charts as inline SVG, drawn on the server: no script, no library, prints as it shows. Each bar is a
/// <c>rect.bar</c> and each point a <c>circle.point</c> carrying its category, series and value (<c>data-category</c>,
/// <c>data-series</c>, <c>data-value</c>) and a tooltip; the categories are written under the axis in Chinese as given.
/// </summary>
public static class SvgChart
{
    const int Width = 720, Height = 300, Left = 48, Right = 16, Top = 28, Bottom = 64;

    static readonly string[] Palette = ["#c0392b", "#2e6da4", "#e67e22", "#27ae60", "#8e44ad", "#16a085", "#7f8c8d", "#d35400"];

    static string E(string text) => WebUtility.HtmlEncode(text);

    static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    static string V(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>Bars per category, side by side when there are several series.</summary>
    public static string Bars(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(title, categories, series, line: false);

    /// <summary>A line per series across the categories (years, say), with a point on each.</summary>
    public static string Lines(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(title, categories, series, line: true);

    static string Draw(string title, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series, bool line)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart {(line ? "chart-line" : "chart-bar")}\" xmlns=\"http://www.w3.org/2000/svg\" ")
            .Append(CultureInfo.InvariantCulture, $"viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append("<title>").Append(E(title)).Append("</title>")
            .Append(CultureInfo.InvariantCulture, $"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\">{E(title)}</text>");
        if (categories.Count == 0 || series.Count == 0)
            return svg.Append(CultureInfo.InvariantCulture, $"<text class=\"empty\" x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"13\" fill=\"#666\">暂无数据</text></svg>").ToString();

        var max = (double)series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var scale = NiceMax(max);
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double Y(decimal value) => Top + plotHeight - (double)value / scale * plotHeight;

        // grid and axis labels
        for (var i = 0; i <= 4; i++)
        {
            var value = scale * i / 4;
            var y = Top + plotHeight - plotHeight * i / 4;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{N(y)}\" y2=\"{N(y)}\" stroke=\"#ddd\"/>")
                .Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{N(y + 4)}\" text-anchor=\"end\" font-size=\"11\">{N(value)}</text>");
        }
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Top + plotHeight}\" stroke=\"#444\"/>");

        var band = plotWidth / categories.Count;
        for (var c = 0; c < categories.Count; c++)
        {
            var x = Left + band * c + band / 2;
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"category\" x=\"{N(x)}\" y=\"{N(Top + plotHeight + 16)}\" text-anchor=\"middle\" font-size=\"11\">{E(categories[c])}</text>");
        }

        for (var s = 0; s < series.Count; s++)
        {
            var colour = Palette[s % Palette.Length];
            var values = series[s].Values;
            if (line)
            {
                var points = string.Join(' ', Enumerable.Range(0, categories.Count).Select(c => $"{N(Left + band * c + band / 2)},{N(Y(At(values, c)))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline class=\"line\" data-series=\"{E(series[s].Name)}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{points}\"/>");
            }
            for (var c = 0; c < categories.Count; c++)
            {
                var value = At(values, c);
                var tip = $"<title>{E(categories[c])}{(series.Count > 1 ? " · " + E(series[s].Name) : "")}：{V(value)}</title>";
                var data = $"data-category=\"{E(categories[c])}\" data-series=\"{E(series[s].Name)}\" data-value=\"{V(value)}\"";
                if (line)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle class=\"point\" {data} cx=\"{N(Left + band * c + band / 2)}\" cy=\"{N(Y(value))}\" r=\"3.5\" fill=\"{colour}\">{tip}</circle>");
                    continue;
                }
                var barWidth = band * 0.8 / series.Count;
                var x = Left + band * c + band * 0.1 + barWidth * s;
                var y = Y(value);
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" {data} x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(barWidth)}\" height=\"{N(Top + plotHeight - y)}\" fill=\"{colour}\">{tip}</rect>");
                if (value != 0)
                    svg.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{N(x + barWidth / 2)}\" y=\"{N(y - 3)}\" text-anchor=\"middle\" font-size=\"10\">{V(value)}</text>");
            }
        }

        if (series.Count > 1)
            for (var s = 0; s < series.Count; s++)
            {
                var x = Left + s * 110;
                var y = Height - 18;
                svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"legend\" x=\"{x}\" y=\"{y - 9}\" width=\"10\" height=\"10\" fill=\"{Palette[s % Palette.Length]}\"/>")
                    .Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 14}\" y=\"{y}\" font-size=\"11\">{E(series[s].Name)}</text>");
            }
        return svg.Append("</svg>").ToString();
    }

    static decimal At(IReadOnlyList<decimal> values, int index) => index < values.Count ? values[index] : 0m;

    /// <summary>The axis maximum: four grid steps of 1, 2 or 5 times a power of ten (at least 1), so that counts get whole ticks.</summary>
    static double NiceMax(double max)
    {
        var rough = Math.Max(max / 4, 1);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        foreach (var step in new[] { 1d, 2d, 5d, 10d })
            if (step * power >= rough) return 4 * step * power;
        return 40 * power;
    }
}
