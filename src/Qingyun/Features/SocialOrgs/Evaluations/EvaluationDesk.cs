using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Evaluations;

public enum SheetState
{
    NotStarted = 0,
    Draft = 1,
    Submitted = 2,
}

/// <summary>
/// 一次评价 (decision 013): a unit applies a published scheme to approved organizations of its registry subtree,
/// invites reviewers (any active account), follows their progress — never the scores of unsubmitted sheets —
/// and closes it, which stores the results for good.
/// </summary>
public sealed class EvaluationDesk(AppDbContext db, TimeProvider clock, EvaluationResults results)
{
    public sealed record EvaluationRow(Guid Id, Guid UnitId, string UnitName, string Title, int Year, EvaluationStatus Status, Guid SchemeId,
        string SchemeName, int SchemeVersion, int Subjects, int Reviewers, int Submitted);

    public sealed record Candidate(Guid Id, string Name, OrgField Field, LegalStatus LegalStatus, string UnitName, int MemberCount, int YoungMemberCount);

    public sealed record CandidateFilter(string? Name, OrgField? Field, LegalStatus? LegalStatus);

    public sealed record EvaluationView(Evaluation Evaluation, string UnitName, EvaluationScheme Scheme, IReadOnlyList<EvaluationSubject> Subjects,
        IReadOnlyList<EvaluationReviewer> Reviewers, IReadOnlyDictionary<(Guid Subject, Guid Reviewer), SheetState> Progress, bool CanManage, bool IsReviewer)
    {
        public SheetState StateOf(Guid subjectId, Guid reviewerUserId) => Progress.GetValueOrDefault((subjectId, reviewerUserId));

        public int Unsubmitted => (Subjects.Count * Reviewers.Count) - Progress.Values.Count(s => s == SheetState.Submitted);
    }

    public async Task<IReadOnlyList<EvaluationRow>> ListAsync(int? year, EvaluationStatus? status, CancellationToken ct)
    {
        var q = db.Evaluations.AsNoTracking();
        if (year is { } y)
        {
            q = q.Where(e => e.Year == y);
        }
        if (status is { } s)
        {
            q = q.Where(e => e.Status == s);
        }
        var rows = await (
            from e in q
            join sc in db.EvaluationSchemes on e.SchemeId equals sc.Id
            orderby e.Year descending, e.CreatedAt descending
            select new
            {
                e.Id, e.UnitId, e.Title, e.Year, e.Status, e.SchemeId, SchemeName = sc.Name, sc.Version,
                Subjects = db.EvaluationSubjects.Count(x => x.EvaluationId == e.Id),
                Reviewers = db.EvaluationReviewers.Count(x => x.EvaluationId == e.Id),
                Submitted = db.ScoreSheets.Count(x => x.EvaluationId == e.Id && x.SubmittedAt != null),
            }).Take(500).ToListAsync(ct);
        var ids = rows.Select(r => r.UnitId).Distinct().ToList();
        var names = await db.OrgUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return rows.Select(r => new EvaluationRow(r.Id, r.UnitId, names.GetValueOrDefault(r.UnitId, "—"), r.Title, r.Year, r.Status, r.SchemeId,
            r.SchemeName, r.Version, r.Subjects, r.Reviewers, r.Submitted)).ToList();
    }

    public async Task<Result<Evaluation>> CreateAsync(Guid? unitId, string? title, int? year, Guid? schemeId, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(unitId, Permission.SocialOrgsManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Evaluation>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var t = SchemeDesk.Text(title, "EvaluationTitle", Evaluation.TitleMaxLength, true, f);
        var thisYear = clock.ChinaToday().Year;
        if (year is null)
        {
            f.Add(Failure.Required("Year"));
        }
        else if (year < 2000 || year > thisYear + 1)
        {
            f.Add(new Failure("Year", "Range", 400, 2000, thisYear + 1));
        }
        if (schemeId is null)
        {
            f.Add(Failure.Required("EvaluationSchemeId"));
        }
        else
        {
            var status = await db.EvaluationSchemes.Where(s => s.Id == schemeId).Select(s => (SchemeStatus?)s.Status).FirstOrDefaultAsync(ct);
            if (status is null)
            {
                f.Add(Failure.NotFound("EvaluationSchemeId"));
            }
            else if (status != SchemeStatus.Published)
            {
                f.Add(new Failure("EvaluationSchemeId", "SchemeNotPublished"));
            }
        }
        if (f.Count > 0)
        {
            return Result<Evaluation>.Fail(f);
        }
        var evaluation = new Evaluation
        {
            UnitId = unit.Value!.Id, SchemeId = schemeId!.Value, Title = t!, Year = year!.Value, Status = EvaluationStatus.Scoring,
            CreatedBy = db.Scope.UserName, CreatedAt = clock.GetUtcNow(),
        };
        db.Evaluations.Add(evaluation);
        await db.SaveChangesAsync(ct);
        return evaluation;
    }

    /// <summary>An evaluation for staff: 404 outside reading, 403 when <paramref name="permission"/> is not held over its unit.</summary>
    public Task<Result<Evaluation>> FindAsync(Guid id, Permission permission, CancellationToken ct) =>
        db.OwnedAsync(db.Evaluations, e => e.Id == id, permission, ct);

    /// <summary>Whether the signed-in account is a reviewer of the evaluation.</summary>
    public Task<bool> IsReviewerAsync(Guid evaluationId, CancellationToken ct) =>
        db.Scope.UserId is { } me ? db.EvaluationReviewers.AnyAsync(r => r.EvaluationId == evaluationId && r.UserId == me, ct) : Task.FromResult(false);

    public async Task<Result<EvaluationView>> OpenAsync(Guid id, CancellationToken ct)
    {
        var r = await FindAsync(id, Permission.SocialOrgsRead, ct);
        if (!r.Ok)
        {
            return Result<EvaluationView>.Fail(r.Failures);
        }
        var e = r.Value!;
        var unit = await db.OrgUnits.AsNoTracking().FirstAsync(u => u.Id == e.UnitId, ct);
        var scheme = await db.EvaluationSchemes.IgnoreQueryFilters([AppDbContext.ScopeFilter]).AsNoTracking().FirstAsync(s => s.Id == e.SchemeId, ct);
        var subjects = await db.EvaluationSubjects.AsNoTracking().Where(s => s.EvaluationId == id).OrderBy(s => s.Label).ToListAsync(ct);
        var reviewers = await db.EvaluationReviewers.AsNoTracking().Where(x => x.EvaluationId == id).OrderBy(x => x.AddedAt).ToListAsync(ct);
        var sheets = await db.ScoreSheets.AsNoTracking().Where(s => s.EvaluationId == id)
            .Select(s => new { s.SubjectId, s.ReviewerUserId, Submitted = s.SubmittedAt != null }).ToListAsync(ct);
        var progress = sheets.ToDictionary(s => (s.SubjectId, s.ReviewerUserId), s => s.Submitted ? SheetState.Submitted : SheetState.Draft);
        var me = db.Scope.UserId;
        return new EvaluationView(e, unit.Name, scheme, subjects, reviewers, progress, db.Scope.Covers(unit.Path, Permission.SocialOrgsManage),
            me is not null && reviewers.Any(x => x.UserId == me));
    }

    /// <summary>A scoring evaluation the caller manages (404 / 403 / 409 once closed).</summary>
    private async Task<Result<Evaluation>> ScoringAsync(Guid id, CancellationToken ct)
    {
        var r = await FindAsync(id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return r;
        }
        return r.Value!.Status == EvaluationStatus.Scoring ? r : new Failure("Evaluation", "EvaluationClosed", 409);
    }

    /// <summary>
    /// Approved organizations registered with the evaluation's unit or below, not yet subjects, by name, field and legal status.
    /// </summary>
    public async Task<Result<IReadOnlyList<Candidate>>> CandidatesAsync(Guid id, CandidateFilter filter, CancellationToken ct)
    {
        var r = await FindAsync(id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return Result<IReadOnlyList<Candidate>>.Fail(r.Failures);
        }
        var path = await db.OrgUnits.Where(u => u.Id == r.Value!.UnitId).Select(u => u.Path).FirstAsync(ct);
        var taken = db.EvaluationSubjects.Where(s => s.EvaluationId == id).Select(s => s.OrganizationId);
        var q = from o in db.SocialOrganizations.AsNoTracking()
                join u in db.OrgUnits on o.UnitId equals u.Id
                where o.ReviewStatus == OrgReviewStatus.Approved && u.Path.StartsWith(path) && !taken.Contains(o.Id)
                select new { o, UnitName = u.Name };
        if (!string.IsNullOrWhiteSpace(filter.Name))
        {
            var name = filter.Name.Trim();
            q = q.Where(x => x.o.Name.Contains(name));
        }
        if (filter.Field is { } field)
        {
            q = q.Where(x => x.o.Field == field);
        }
        if (filter.LegalStatus is { } legal)
        {
            q = q.Where(x => x.o.LegalStatus == legal);
        }
        var rows = await q.OrderBy(x => x.o.Name).Take(200)
            .Select(x => new Candidate(x.o.Id, x.o.Name, x.o.Field, x.o.LegalStatus, x.UnitName, x.o.MemberCount, x.o.YoungMemberCount)).ToListAsync(ct);
        return rows;
    }

    /// <summary>
    /// Adds organizations as subjects, all or none: each must be approved (入库) and registered with the evaluation's
    /// unit or a unit below it. The label is the organization's name.
    /// </summary>
    public async Task<Result<IReadOnlyList<EvaluationSubject>>> AddSubjectsAsync(Guid id, IReadOnlyCollection<Guid>? organizationIds, CancellationToken ct)
    {
        var r = await ScoringAsync(id, ct);
        if (!r.Ok)
        {
            return Result<IReadOnlyList<EvaluationSubject>>.Fail(r.Failures);
        }
        var ids = (organizationIds ?? []).Where(x => x != Guid.Empty).Distinct().ToList();
        if (ids.Count == 0)
        {
            return Failure.Required("SubjectOrganizationId");
        }
        if (ids.Count > 500)
        {
            return new Failure("SubjectOrganizationId", "Range", 400, 1, 500);
        }
        var e = r.Value!;
        var path = await db.OrgUnits.Where(u => u.Id == e.UnitId).Select(u => u.Path).FirstAsync(ct);
        var found = await (from o in db.SocialOrganizations
                           where ids.Contains(o.Id)
                           join u in db.OrgUnits on o.UnitId equals u.Id
                           select new { o.Id, o.Name, o.ReviewStatus, u.Path }).ToListAsync(ct);
        var existing = await db.EvaluationSubjects.Where(s => s.EvaluationId == id && ids.Contains(s.OrganizationId)).Select(s => s.OrganizationId).ToListAsync(ct);
        var f = new List<Failure>();
        if (found.Count < ids.Count)
        {
            f.Add(Failure.NotFound("SubjectOrganizationId"));
        }
        if (found.Any(o => !o.Path.StartsWith(path, StringComparison.Ordinal)))
        {
            f.Add(new Failure("SubjectOrganizationId", "OutsideEvaluationUnit"));
        }
        if (found.Any(o => o.ReviewStatus != OrgReviewStatus.Approved))
        {
            f.Add(new Failure("SubjectOrganizationId", "OrgNotApproved"));
        }
        if (existing.Count > 0)
        {
            f.Add(new Failure("SubjectOrganizationId", "AlreadySubject"));
        }
        if (f.Count > 0)
        {
            return Result<IReadOnlyList<EvaluationSubject>>.Fail(f);
        }
        var added = found.Select(o => new EvaluationSubject { EvaluationId = id, UnitId = e.UnitId, OrganizationId = o.Id, Label = o.Name }).ToList();
        db.EvaluationSubjects.AddRange(added);
        await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Takes a subject off while nobody has scored it (no sheet, draft or submitted).</summary>
    public async Task<Result<EvaluationSubject>> RemoveSubjectAsync(Guid id, Guid subjectId, CancellationToken ct)
    {
        var r = await ScoringAsync(id, ct);
        if (!r.Ok)
        {
            return Result<EvaluationSubject>.Fail(r.Failures);
        }
        var subject = await db.EvaluationSubjects.FirstOrDefaultAsync(s => s.Id == subjectId && s.EvaluationId == id, ct);
        if (subject is null)
        {
            return Failure.NotFound("SubjectId");
        }
        if (await db.ScoreSheets.AnyAsync(s => s.SubjectId == subjectId, ct))
        {
            return new Failure("SubjectId", "SubjectScored", 409);
        }
        db.EvaluationSubjects.Remove(subject);
        await db.SaveChangesAsync(ct);
        return subject;
    }

    /// <summary>Invites an active account, by user name, as a reviewer; their display name is kept on the evaluation.</summary>
    public async Task<Result<EvaluationReviewer>> AddReviewerAsync(Guid id, string? userName, CancellationToken ct)
    {
        var r = await ScoringAsync(id, ct);
        if (!r.Ok)
        {
            return Result<EvaluationReviewer>.Fail(r.Failures);
        }
        var name = userName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Failure.Required("ReviewerUserName");
        }
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == name && u.DisabledAt == null)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).FirstOrDefaultAsync(ct);
        if (user is null)
        {
            return new Failure("ReviewerUserName", "UnknownAccount");
        }
        if (await db.EvaluationReviewers.AnyAsync(x => x.EvaluationId == id && x.UserId == user.Id, ct))
        {
            return new Failure("ReviewerUserName", "AlreadyReviewer");
        }
        var reviewer = new EvaluationReviewer
        {
            EvaluationId = id, UnitId = r.Value!.UnitId, UserId = user.Id,
            DisplayName = string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName! : user.DisplayName, AddedAt = clock.GetUtcNow(),
        };
        db.EvaluationReviewers.Add(reviewer);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new Failure("ReviewerUserName", "AlreadyReviewer");
        }
        return reviewer;
    }

    /// <summary>Removes a reviewer who has submitted nothing; their draft sheets go with them.</summary>
    public async Task<Result<EvaluationReviewer>> RemoveReviewerAsync(Guid id, Guid reviewerId, CancellationToken ct)
    {
        var r = await ScoringAsync(id, ct);
        if (!r.Ok)
        {
            return Result<EvaluationReviewer>.Fail(r.Failures);
        }
        var reviewer = await db.EvaluationReviewers.FirstOrDefaultAsync(x => x.Id == reviewerId && x.EvaluationId == id, ct);
        if (reviewer is null)
        {
            return Failure.NotFound("ReviewerId");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.ScoreSheets.AnyAsync(s => s.EvaluationId == id && s.ReviewerUserId == reviewer.UserId && s.SubmittedAt != null, ct))
        {
            return new Failure("ReviewerId", "ReviewerHasSubmitted", 409);
        }
        var drafts = await db.ScoreSheets.Where(s => s.EvaluationId == id && s.ReviewerUserId == reviewer.UserId).ToListAsync(ct);
        var draftIds = drafts.Select(d => d.Id).ToList();
        db.CriterionScores.RemoveRange(await db.CriterionScores.Where(c => draftIds.Contains(c.SheetId)).ToListAsync(ct));
        db.ScoreSheets.RemoveRange(drafts);
        db.EvaluationReviewers.Remove(reviewer);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return reviewer;
    }

    /// <summary>Closes the evaluation and stores its results; answers how many sheets did not count (drafts and not started).</summary>
    public async Task<Result<(IReadOnlyList<SubjectOutcome> Results, int Uncounted)>> CloseAsync(Guid id, CancellationToken ct)
    {
        var r = await FindAsync(id, Permission.SocialOrgsManage, ct);
        if (!r.Ok)
        {
            return Result<(IReadOnlyList<SubjectOutcome>, int)>.Fail(r.Failures);
        }
        var subjects = await db.EvaluationSubjects.CountAsync(s => s.EvaluationId == id, ct);
        var reviewers = await db.EvaluationReviewers.CountAsync(s => s.EvaluationId == id, ct);
        var submitted = await db.ScoreSheets.CountAsync(s => s.EvaluationId == id && s.SubmittedAt != null, ct);
        var closed = await results.CloseAsync(id, db.Scope.UserName ?? "", ct);
        if (!closed.Ok)
        {
            return Result<(IReadOnlyList<SubjectOutcome>, int)>.Fail(closed.Failures);
        }
        return (closed.Value!, Math.Max(0, (subjects * reviewers) - submitted));
    }
}
