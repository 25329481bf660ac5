using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class PendingAnalysisConfiguration : IEntityTypeConfiguration<PendingAnalysis>
{
    public void Configure(EntityTypeBuilder<PendingAnalysis> builder)
    {
        builder.ToTable("pending_analyses");
        builder.HasKey(p => p.ImageId);
        builder.HasOne<Image>().WithOne().HasForeignKey<PendingAnalysis>(p => p.ImageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.NextAttemptAt);
    }
}
