using NetVips;
using PatchDb.Embedder.Imaging;

namespace PatchDb.Tests.Embedder;

/// <summary>Bad input, over and over, must not make libvips allocate pixel memory or spill temp files: a decoded
/// 30000×30000 PNG alone would need 2.7 GB, and libvips spills images it cannot hold to vips-*.v files.</summary>
public sealed class MemoryBoundTests
{
    private const long OneGiB = 1L << 30;

    [Fact]
    public void Repeated_bad_input_keeps_libvips_memory_bounded_and_writes_no_temp_files()
    {
        var decoder = new PhotoDecoder(new ImageLimits());
        var tempBefore = VipsTempFiles();

        for (var round = 0; round < 20; round++)
        {
            foreach (var (input, status) in PhotoDecoderTests.BadInputStatuses)
            {
                var rejected = Assert.Throws<ImageRejectedException>(() => decoder.DecodeWithDerivatives(PhotoDecoderTests.Bad(input), 224));
                Assert.Equal(status, rejected.StatusCode);
            }
        }

        // The high-water mark covers the whole test process (other tests decode real photos in parallel), so the
        // bound is generous; the bomb alone would exceed it more than twice over.
        Assert.InRange((long)Stats.MemHighwater, 0, OneGiB);
        Assert.Empty(VipsTempFiles().Except(tempBefore));
    }

    private static HashSet<string> VipsTempFiles() =>
        [.. Directory.EnumerateFiles(Path.GetTempPath(), "vips-*.v")];
}
