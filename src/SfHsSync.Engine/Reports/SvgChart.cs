using OxyPlot;

namespace SfHsSync.Engine.Reports;

/// <summary>Draws a chart as an inline SVG element with OxyPlot's own SVG exporter (managed code only, no fonts or native libraries).</summary>
internal static class SvgChart
{
    public const double Width = 900;
    public const double Height = 360;

    /// <summary>
    /// The chart as an &lt;svg&gt; element. The exporter numbers its clip paths from 1 in every chart, so each id gets
    /// <paramref name="idPrefix"/>: several charts share one page, and a clip path must name its own chart's area.
    /// </summary>
    public static string Render(PlotModel model, string idPrefix)
    {
        ArgumentNullException.ThrowIfNull(model);
        var exporter = new SvgExporter { Width = Width, Height = Height, IsDocument = false };
        var svg = exporter.ExportToString(model)
            .Replace("id=\"clipPath", $"id=\"{idPrefix}-clipPath", StringComparison.Ordinal)
            .Replace("url(#clipPath", $"url(#{idPrefix}-clipPath", StringComparison.Ordinal);

        // Inline in HTML the element is enough: drop any XML prologue the exporter writes before it.
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        return start > 0 ? svg[start..] : svg;
    }
}
