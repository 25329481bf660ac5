using System.IO.Compression;
using System.Security.Cryptography;
using CsvHelper;
using PatchDb.Tests.Infrastructure;

namespace PatchDb.Tests.Api;

/// <summary>The export: CSV rows and ZIP entries match the collection, name by name and byte by byte.</summary>
public sealed class ExportTests(TestInfrastructure infra)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Csv_rows_and_zip_entries_match_the_collection()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var photos = new[] { TestImages.Gallery("flag-ar", 0), TestImages.Gallery("flag-ar", 1), TestImages.Gallery("flag-ae", 0), TestImages.Gallery("nasa-sts-001", 0) };
        var ids = new List<Guid>();
        foreach (var photo in photos)
        {
            ids.Add((await alice.UploadOkAsync(photo, Ct)).GetProperty("patch").GetProperty("id").GetGuid());
        }
        // A name with a comma, a quote and a slash, and one that a spreadsheet would run as a formula.
        var tricky = "Argentina, \"Sol\" 1/2";
        var g1 = (await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = ids[0], name = tricky }, Ct)).GetProperty("id").GetGuid();
        await alice.SendJsonAsync(HttpMethod.Patch, $"/{alice.Id}/group", new { patch_id = ids[1], group_id = g1 }, Ct);
        await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{g1}/copies", new { copies = 4 }, Ct);
        await alice.SendJsonAsync(HttpMethod.Put, $"/{alice.Id}/group/{g1}/favorite", null, Ct);
        await alice.SendJsonAsync(HttpMethod.Post, $"/{alice.Id}/group", new { patch_id = ids[2], name = "=1+1" }, Ct);

        var csvResponse = await alice.Client.GetAsync($"/{alice.Id}/export/csv", Ct);
        csvResponse.EnsureSuccessStatusCode();
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        Assert.Equal("patchdb-collection.csv", csvResponse.Content.Headers.ContentDisposition?.FileName);
        var rows = new List<string[]>();
        using (var reader = CsvReader.Create(await csvResponse.Content.ReadAsByteArrayAsync(Ct), new CsvReaderOptions { HasHeader = false }))
        {
            foreach (var row in reader)
            {
                rows.Add(row.ToArray());
            }
        }
        await using var db = host.CreateDbContext();
        string FirstAdded(params Guid[] images) => db.Images.Where(i => images.Contains(i.Id)).Min(i => i.CreatedAt).UtcDateTime
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, rows.Count);
        Assert.Equal(["group", "copies", "favourite", "photo_count", "first_added"], rows[0]);
        Assert.Equal([tricky, "4", "yes", "2", FirstAdded(ids[0], ids[1])], rows[1]);
        Assert.Equal(["1", "no", "1", FirstAdded(ids[2])], rows[2][1..]);
        // Kept as text for a spreadsheet: escaped in front, the name itself after.
        Assert.NotEqual("=1+1", rows[2][0]);
        Assert.EndsWith("=1+1", rows[2][0]);

        using var zipResponse = await alice.Client.GetAsync($"/{alice.Id}/export/zip", HttpCompletionOption.ResponseHeadersRead, Ct);
        zipResponse.EnsureSuccessStatusCode();
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        // Streamed: the length is not known up front (nothing was assembled in memory first).
        Assert.Null(zipResponse.Content.Headers.ContentLength);
        Assert.True(zipResponse.Headers.TransferEncodingChunked);
        var zipBytes = await zipResponse.Content.ReadAsByteArrayAsync(Ct);
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        var entries = new Dictionary<string, string>();
        foreach (var entry in zip.Entries)
        {
            await using var content = await entry.OpenAsync(Ct);
            entries[entry.FullName] = Convert.ToHexString(await SHA256.HashDataAsync(content, Ct));
        }
        var expected = new Dictionary<string, string>
        {
            ["Argentina, _Sol_ 1_2/001.jpg"] = Sha(photos[0]),
            ["Argentina, _Sol_ 1_2/002.jpg"] = Sha(photos[1]),
            ["=1+1/001.jpg"] = Sha(photos[2]),
            ["Ungrouped/001.jpg"] = Sha(photos[3]),
        };
        Assert.Equal(expected.OrderBy(e => e.Key), entries.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task An_empty_collection_exports_a_header_and_an_empty_zip()
    {
        await using var host = await ApiTestHost.StartAsync(infra, null);
        var alice = await ApiUser.CreateAsync(host, Ct);
        var csv = await alice.Client.GetStringAsync($"/{alice.Id}/export/csv", Ct);
        Assert.Equal("group,copies,favourite,photo_count,first_added\r\n", csv);
        using var zip = new ZipArchive(new MemoryStream(await alice.Client.GetByteArrayAsync($"/{alice.Id}/export/zip", Ct)));
        Assert.Empty(zip.Entries);
    }

    private static string Sha(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
