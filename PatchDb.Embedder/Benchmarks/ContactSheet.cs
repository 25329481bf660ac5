using NetVips;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Embedder.Benchmarks;

/// <summary>Cut-outs side by side on a checkerboard (so transparency shows), each framed by whether it is confident.</summary>
internal static class ContactSheet
{
    private const int Tile = 160;
    private const int Frame = 4;
    private const int Columns = 12;

    public static byte[] Render(IReadOnlyList<(byte[]? Webp, double Confidence)> cutOuts, double threshold, string format)
    {
        VipsRuntime.EnsureStarted();
        var tiles = new List<Image>();
        try
        {
            foreach (var (webp, confidence) in cutOuts)
            {
                tiles.Add(RenderTile(webp, confidence, threshold));
            }

            using var sheet = Image.Arrayjoin([.. tiles], across: Columns, shim: 2, background: [255]);
            return format == ".png" ? sheet.PngsaveBuffer(keep: Enums.ForeignKeep.None) : sheet.WebpsaveBuffer(q: 85, keep: Enums.ForeignKeep.None);
        }
        finally
        {
            tiles.ForEach(t => t.Dispose());
        }
    }

    private static Image RenderTile(byte[]? webp, double confidence, double threshold)
    {
        double[] colour = webp is null ? [128, 128, 128] : confidence >= threshold ? [40, 170, 60] : [200, 40, 40];
        var inner = Tile - 2 * Frame;
        using var checker = Checkerboard(inner);
        using var framed = Image.Black(Tile, Tile, bands: 3).NewFromImage(colour).Cast(Enums.BandFormat.Uchar);
        if (webp is null)
        {
            return framed.Insert(checker, Frame, Frame);
        }

        using var cut = Image.ThumbnailBuffer(webp, inner, height: inner);
        using var placed = cut.Embed((inner - cut.Width) / 2, (inner - cut.Height) / 2, inner, inner);
        // libwebp stores no alpha channel for a fully opaque cut-out (a rectangular patch).
        using var rgb = placed.ExtractBand(0, n: 3);
        using var opaque = cut.ExtractBand(0).NewFromImage(255.0).Cast(Enums.BandFormat.Uchar);
        using var alpha = placed.Bands == 4
            ? placed.ExtractBand(3)
            : opaque.Embed((inner - cut.Width) / 2, (inner - cut.Height) / 2, inner, inner);
        using var bytes = alpha.Ifthenelse(rgb, checker, blend: true);
        return framed.Insert(bytes, Frame, Frame);
    }

    private static Image Checkerboard(int size)
    {
        // Two greys in 8-pixel squares: (x / 8 + y / 8) odd.
        using var xy = Image.Xyz(size, size);
        using var squares = (xy / 8).Floor();
        using var sum = squares[0] + squares[1];
        using var odd = sum % 2;
        using var grey = odd * 40 + 200;
        using var bytes = grey.Cast(Enums.BandFormat.Uchar);
        return bytes.Bandjoin(bytes, bytes);
    }
}
