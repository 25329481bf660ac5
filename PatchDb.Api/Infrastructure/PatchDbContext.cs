using System.Text;
using Microsoft.EntityFrameworkCore;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure;

public sealed class PatchDbContext(DbContextOptions<PatchDbContext> options) : DbContext(options)
{
    public DbSet<User> Users => Set<User>();

    public DbSet<ImageGroup> Groups => Set<ImageGroup>();

    public DbSet<Image> Images => Set<Image>();

    public DbSet<ImageEmbedding> Embeddings => Set<ImageEmbedding>();

    public DbSet<ImageFeatures> LocalFeatures => Set<ImageFeatures>();

    public DbSet<Blob> Blobs => Set<Blob>();

    public DbSet<PendingAnalysis> PendingAnalyses => Set<PendingAnalysis>();

    public DbSet<ShareLink> ShareLinks => Set<ShareLink>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<UploadKey> UploadKeys => Set<UploadKey>();

    public DbSet<Rejection> Rejections => Set<Rejection>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PatchDbContext).Assembly);

        // snake_case columns, so hand-written SQL and psql sessions read naturally.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(name[i]));
        }
        return builder.ToString();
    }
}
