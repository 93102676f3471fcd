using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class MotionsNominationsReservePool : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Channels",
                table: "recommendation_rounds",
                type: "text",
                nullable: false,
                defaultValueSql: "'[]'");

            migrationBuilder.AddColumn<decimal>(
                name: "WeightedScore",
                table: "recommendation_rounds",
                type: "numeric(7,6)",
                precision: 7,
                scale: 6,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "committee_terms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LeadershipPosts = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_committee_terms", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "disqualifiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LiftedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LiftedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LiftReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disqualifiers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "nomination_failures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FailedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CoolOffEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nomination_failures", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "nominations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    NominatorKind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NominatorId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DeclaredRelationship = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    RecommendationStatement = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    ProposedPost = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    MotionId = table.Column<Guid>(type: "uuid", nullable: true),
                    FromReservePool = table.Column<bool>(type: "boolean", nullable: false),
                    OutsidePoolReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nominations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "reserve_pool",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AddedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RemovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RemovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RemovalReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_reserve_pool", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "motions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    TermId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ground = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Direction = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Criteria = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Requirements = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CadresAdjusted = table.Column<int>(type: "integer", nullable: false),
                    CadresPromoted = table.Column<int>(type: "integer", nullable: false),
                    SuperiorApprovalReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RaisedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecisionReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SessionYear = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_motions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_motions_committee_terms_TermId",
                        column: x => x.TermId,
                        principalTable: "committee_terms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "filings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MotionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SuperiorDepartment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FilingReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FiledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_filings_motions_MotionId",
                        column: x => x.MotionId,
                        principalTable: "motions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_committee_terms_TenantId",
                table: "committee_terms",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_disqualifiers_TenantId_CadreId",
                table: "disqualifiers",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_filings_MotionId",
                table: "filings",
                column: "MotionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_filings_TenantId_FiledAt",
                table: "filings",
                columns: new[] { "TenantId", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_motions_TenantId_ProcedureId",
                table: "motions",
                columns: new[] { "TenantId", "ProcedureId" });

            migrationBuilder.CreateIndex(
                name: "IX_motions_TenantId_Status_SessionYear",
                table: "motions",
                columns: new[] { "TenantId", "Status", "SessionYear" });

            migrationBuilder.CreateIndex(
                name: "IX_motions_TenantId_TermId_Status",
                table: "motions",
                columns: new[] { "TenantId", "TermId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_motions_TermId",
                table: "motions",
                column: "TermId");

            migrationBuilder.CreateIndex(
                name: "IX_nomination_failures_TenantId_CadreId_FailedAt",
                table: "nomination_failures",
                columns: new[] { "TenantId", "CadreId", "FailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_nominations_TenantId_CadreId",
                table: "nominations",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_nominations_TenantId_NominatorId",
                table: "nominations",
                columns: new[] { "TenantId", "NominatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_reserve_pool_TenantId_CadreId",
                table: "reserve_pool",
                columns: new[] { "TenantId", "CadreId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disqualifiers");

            migrationBuilder.DropTable(
                name: "filings");

            migrationBuilder.DropTable(
                name: "nomination_failures");

            migrationBuilder.DropTable(
                name: "nominations");

            migrationBuilder.DropTable(
                name: "reserve_pool");

            migrationBuilder.DropTable(
                name: "motions");

            migrationBuilder.DropTable(
                name: "committee_terms");

            migrationBuilder.DropColumn(
                name: "Channels",
                table: "recommendation_rounds");

            migrationBuilder.DropColumn(
                name: "WeightedScore",
                table: "recommendation_rounds");
        }
    }
}
