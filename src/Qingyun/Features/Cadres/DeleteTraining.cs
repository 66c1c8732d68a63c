using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Security;

namespace Qingyun.Features.Cadres;

/// <summary>Deletes a training record entered by mistake; the audit log keeps what it said.</summary>
public static class DeleteTraining
{
    public sealed class Handler(AppDbContext db)
    {
        public async Task<Result<CadreTraining>> Handle(Guid id, CancellationToken ct)
        {
            var training = await db.CadreTrainings.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (training is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(training.UnitId, Permission.PeopleManage, "Id", ct);
            if (!unit.Ok)
            {
                return Result<CadreTraining>.Fail(unit.Failures);
            }
            db.CadreTrainings.Remove(training);
            await db.SaveChangesAsync(ct);
            return training;
        }
    }
}
