using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using PatchDb.Api.Model;

namespace PatchDb.Api.Infrastructure.EntityConfigurations;

internal sealed class ImageEmbeddingConfiguration : IEntityTypeConfiguration<ImageEmbedding>
{
    public void Configure(EntityTypeBuilder<ImageEmbedding> builder)
    {
        builder.ToTable("embeddings");
        builder.HasKey(e => new { e.ImageId, e.ModelId });
        builder.Property(e => e.ModelId).HasMaxLength(100);
        builder.Property(e => e.Vector).HasColumnType("real[]");
        builder.HasOne<Image>().WithMany(i => i.Embeddings).HasForeignKey(e => e.ImageId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.ModelId);
    }
}
