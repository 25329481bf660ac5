using System.Globalization;
using System.IO.Compression;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Storage;

namespace PatchDb.Api.Services;

/// <summary>A collector's data to take away. Both formats are written straight into the response body: the ZIP holds
/// one original at a time, whatever the collection's size.</summary>
public static class CollectionExport
{
    public const string UngroupedFolder = "Ungrouped";

    public static async Task WriteCsvAsync(PatchDbContext db, Guid userId, Stream body, CancellationToken cancellationToken)
    {
        var rows = await db.Groups.AsNoTracking().Where(g => g.UserId == userId)
            .OrderBy(g => g.CreatedAt).ThenBy(g => g.Id)
            .Select(g => new
            {
                g.Name,
                g.Copies,
                g.IsFavorite,
                Photos = g.Images.Count,
                FirstAdded = g.Images.Min(i => (DateTimeOffset?)i.CreatedAt) ?? g.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        // A name such as "=HYPERLINK(…)" must stay text when the file is opened in a spreadsheet.
        await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        await csv.WriteRecordAsync(["group", "copies", "favourite", "photo_count", "first_added"], cancellationToken);
        foreach (var row in rows)
        {
            await csv.WriteRecordAsync([
                row.Name,
                row.Copies.ToString(CultureInfo.InvariantCulture),
                row.IsFavorite ? "yes" : "no",
                row.Photos.ToString(CultureInfo.InvariantCulture),
                row.FirstAdded.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ], cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    public static async Task WriteZipAsync(PatchDbContext db, IBlobStore store, Guid userId, Stream body, CancellationToken cancellationToken)
    {
        var rows = await db.Images.AsNoTracking().Where(i => i.UserId == userId)
            .Select(i => new
            {
                i.GroupId,
                GroupName = i.Group == null ? null : i.Group.Name,
                GroupCreatedAt = i.Group == null ? (DateTimeOffset?)null : i.Group.CreatedAt,
                i.CreatedAt,
                i.OriginalSha256,
                ContentType = db.Blobs.Where(b => b.Sha256 == i.OriginalSha256).Select(b => b.ContentType).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        // Groups in collection order, then the ungrouped photos; photos in the order they were added.
        var images = rows.OrderBy(i => i.GroupCreatedAt ?? DateTimeOffset.MaxValue).ThenBy(i => i.GroupId).ThenBy(i => i.CreatedAt);
        var names = new ExportNames();
        await using var zip = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        foreach (var image in images)
        {
            await using var original = await store.OpenReadAsync(image.OriginalSha256, cancellationToken);
            if (original is null)
            {
                continue; // Bytes lost from the store: the rest of the export is still worth having.
            }
            var folder = names.Folder(image.GroupId, image.GroupName ?? UngroupedFolder);
            var entry = zip.CreateEntry(names.File(folder, Extension(image.ContentType)), CompressionLevel.NoCompression);
            await using var target = await entry.OpenAsync(cancellationToken);
            await original.CopyToAsync(target, cancellationToken);
        }
    }

    public static string Extension(string? contentType) => contentType switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/gif" => ".gif",
        "image/tiff" => ".tif",
        "image/heif" or "image/heic" => ".heic",
        "image/avif" => ".avif",
        _ => ".bin",
    };
}
