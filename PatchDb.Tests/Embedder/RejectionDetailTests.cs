using PatchDb.Embedder.Imaging;

namespace PatchDb.Tests.Embedder;

/// <summary>
/// libvips keeps one error buffer for the whole process; a rejection's detail must still describe the request that
/// failed, not whichever other request failed at the same moment. Many different failures run concurrently and each
/// must get exactly the detail it gets alone.
/// </summary>
public sealed class RejectionDetailTests
{
    [Fact]
    public async Task Concurrent_failures_each_get_their_own_detail()
    {
        var decoder = new PhotoDecoder(new ImageLimits());
        var jpeg = TestPhotos.BenchLandscapeJpeg();
        var png = FormatTests.Encode(jpeg, ".png")!;
        var gif = FormatTests.Encode(jpeg, ".gif")!;
        byte[][] inputs = [jpeg[..(jpeg.Length * 6 / 10)], png[..(png.Length / 2)], gif[..(gif.Length / 2)], png[..30]];
        var alone = inputs.Select(bytes => Reject(decoder, bytes)).ToArray();
        Assert.Equal(alone.Length, alone.Distinct().Count());

        var results = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(() =>
            (Input: i % inputs.Length, Detail: Reject(decoder, inputs[i % inputs.Length])), TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(alone[r.Input], r.Detail));
    }

    private static string Reject(PhotoDecoder decoder, byte[] bytes)
    {
        var rejected = Assert.Throws<ImageRejectedException>(() => decoder.DecodeWithDerivatives(bytes, 224));
        return $"{rejected.StatusCode} {rejected.Message}";
    }
}
