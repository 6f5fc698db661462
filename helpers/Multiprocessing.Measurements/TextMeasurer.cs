using OxyPlot;

namespace Multiprocessing.Measurements;

/// <summary>
/// Measures text for an SVG image in pixels, with the metrics of the PDF standard fonts (Helvetica's, which Arial shares)
/// that OxyPlot carries in managed code. <see cref="PdfRenderContext"/> measures in points, three quarters of a pixel, so
/// left as <see cref="SvgExporter"/>'s measurer, labels would be laid out too short and cut off.
/// </summary>
internal sealed class TextMeasurer : RenderContextBase
{
    const double PixelsPerPoint = 96.0 / 72.0;
    readonly PdfRenderContext _pdf = new(100, 100, OxyColors.White);

    /// <summary>The size of <paramref name="text"/> in pixels.</summary>
    public override OxySize MeasureText(string text, string fontFamily, double fontSize, double fontWeight)
    {
        var size = _pdf.MeasureText(text, fontFamily, fontSize, fontWeight);
        return new OxySize(size.Width * PixelsPerPoint, size.Height * PixelsPerPoint);
    }

    // A measurer draws nothing.
    public override int ClipCount => 0;

    public override void DrawLine(IList<ScreenPoint> points, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[] dashArray, LineJoin lineJoin) { }

    public override void DrawPolygon(IList<ScreenPoint> points, OxyColor fill, OxyColor stroke, double thickness, EdgeRenderingMode edgeRenderingMode, double[] dashArray, LineJoin lineJoin) { }

    public override void DrawText(ScreenPoint p, string text, OxyColor fill, string fontFamily, double fontSize, double fontWeight, double rotation, HorizontalAlignment halign, VerticalAlignment valign, OxySize? maxSize) { }

    public override void PopClip() { }

    public override void PushClip(OxyRect clippingRectangle) { }
}
