using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Organization;

namespace Qingyun.Data.Configurations;

public sealed class OrgUnitEventConfiguration : IEntityTypeConfiguration<OrgUnitEvent>
{
    public void Configure(EntityTypeBuilder<OrgUnitEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.Before).HasMaxLength(2000);
        builder.Property(e => e.After).HasMaxLength(2000);
        builder.Property(e => e.ByUserName).HasMaxLength(256);
        builder.HasIndex(e => new { e.UnitId, e.At });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
