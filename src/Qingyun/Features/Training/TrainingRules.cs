using Microsoft.EntityFrameworkCore;
using Qingyun.Data;

namespace Qingyun.Features.Training;

/// <summary>What other features ask of training: whether a volunteer has completed a course.</summary>
public static class TrainingRules
{
    /// <summary>
    /// True when the volunteer passed (结业) any session of the course. Read for this one volunteer past
    /// the scope filter: a position may require a course taught by another unit than the organizer's.
    /// </summary>
    public static Task<bool> HasCompletedAsync(AppDbContext db, Guid volunteerId, Guid courseId, CancellationToken ct) =>
        db.TrainingRecords.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .AnyAsync(r => r.VolunteerId == volunteerId && r.CourseId == courseId && r.Completed, ct);
}
