using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Contracts;
using PatchDb.Api.Infrastructure;
using PatchDb.Api.Recognition;

namespace PatchDb.Api.Services;

public static class MatchPresenter
{
    public static async Task<(List<GroupMatchResponse> Groups, List<ImageMatchResponse> Ungrouped, List<GroupMatchResponse> Candidates)> PresentAsync(
        PatchDbContext db, Guid userId, MatchSet matches, CancellationToken cancellationToken, MatchEvidence? evidence = null)
    {
        evidence ??= MatchEvidence.None;
        var groupIds = matches.Groups.Concat(matches.Candidates).Select(m => m.GroupId!.Value).ToList();
        var groups = groupIds.Count == 0
            ? []
            : await db.Groups.AsNoTracking()
                .Where(g => g.UserId == userId && groupIds.Contains(g.Id))
                .ToDictionaryAsync(g => g.Id, cancellationToken);
        var imageIds = matches.Groups.Concat(matches.Candidates).Select(m => m.ImageId).ToList();
        var cutouts = imageIds.Count == 0
            ? []
            : await db.Images.AsNoTracking().Where(i => i.UserId == userId && imageIds.Contains(i.Id))
                .Select(i => new { i.Id, i.CutoutSha256, i.CutoutConfidence })
                .ToDictionaryAsync(i => i.Id, i => ImagePaths.CutoutOrNull(userId, i.Id, i.CutoutSha256, i.CutoutConfidence,
                    evidence.MinCutoutConfidence), cancellationToken);
        List<ImageMatchResponse> ungrouped = [.. matches.Ungrouped
            .Select(m => new ImageMatchResponse(m.ImageId, ImagePaths.Original(userId, m.ImageId), Math.Round(m.Score, 6)))];
        return (Present(matches.Groups), ungrouped, Present(matches.Candidates));

        // A group deleted since the index snapshot was taken is simply left out.
        List<GroupMatchResponse> Present(IReadOnlyList<ImageScore> scores) => [.. scores
            .Where(m => groups.ContainsKey(m.GroupId!.Value))
            .Select(m =>
            {
                var group = groups[m.GroupId!.Value];
                return new GroupMatchResponse(group.Id, group.Name, group.IsFavorite, m.ImageId,
                    ImagePaths.Original(userId, m.ImageId), Math.Round(m.Score, 6), evidence.Verified(m.ImageId),
                    evidence.InliersOf(m.ImageId), cutouts.GetValueOrDefault(m.ImageId));
            })];
    }
}
