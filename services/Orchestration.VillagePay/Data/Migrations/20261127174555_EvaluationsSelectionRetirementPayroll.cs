using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.VillagePay.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationsSelectionRetirementPayroll : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_villages_TenantId_Township",
                table: "villages");

            migrationBuilder.AddColumn<decimal>(
                name: "AverageScore",
                table: "yearly_grades",
                type: "numeric(5,2)",
                precision: 5,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TeamGrade",
                table: "yearly_grades",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrincipalName",
                table: "villages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "former_principals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Village = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServedFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: false),
                    YearsInPost = table.Column<int>(type: "integer", nullable: false),
                    YearlySubsidy = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    GrantedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_former_principals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "institution_pay_awards",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    CertificateNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    RenewedFromId = table.Column<Guid>(type: "uuid", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndGround = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    EndNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_institution_pay_awards", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payrolls",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    IssuedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AcknowledgementReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payrolls", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "quarterly_evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Township = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Quarter = table.Column<int>(type: "integer", nullable: false),
                    PublicizedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublicityEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PublicityClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PublicityOutcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarterly_evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "selection_rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Villages = table.Column<int>(type: "integer", nullable: false),
                    Places = table.Column<int>(type: "integer", nullable: false),
                    CompletedStage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    PublicizedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    PublicityEndsOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OpenedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_rounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "payroll_lines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PayrollId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Village = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BasePay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    PerformancePay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    InstitutionPay = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    RetirementSubsidy = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Total = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_payroll_lines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_payroll_lines_payrolls_PayrollId",
                        column: x => x.PayrollId,
                        principalTable: "payrolls",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_objections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Objector = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Content = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_evaluation_objections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_evaluation_objections_quarterly_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "quarterly_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "quarterly_scores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quarterly_scores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_quarterly_scores_quarterly_evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "quarterly_evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_applications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    VillageId = table.Column<Guid>(type: "uuid", nullable: false),
                    PrincipalName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Village = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Township = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReachedStage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    DroppedAt = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    AppliedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_applications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_applications_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "selection_stages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Pool = table.Column<int>(type: "integer", nullable: false),
                    Target = table.Column<int>(type: "integer", nullable: true),
                    Advanced = table.Column<int>(type: "integer", nullable: false),
                    Shortfall = table.Column<int>(type: "integer", nullable: false),
                    Grounds = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_selection_stages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_selection_stages_selection_rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "selection_rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_yearly_grades_TenantId_Year",
                table: "yearly_grades",
                columns: new[] { "TenantId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_villages_TenantId_Township_Name",
                table: "villages",
                columns: new[] { "TenantId", "Township", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_evaluation_objections_EvaluationId",
                table: "evaluation_objections",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_former_principals_TenantId_Name_Village_ServedFrom",
                table: "former_principals",
                columns: new[] { "TenantId", "Name", "Village", "ServedFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_institution_pay_awards_TenantId_Year_CertificateNumber",
                table: "institution_pay_awards",
                columns: new[] { "TenantId", "Year", "CertificateNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_institution_pay_awards_VillageId_Year",
                table: "institution_pay_awards",
                columns: new[] { "VillageId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payroll_lines_PayrollId_Number",
                table: "payroll_lines",
                columns: new[] { "PayrollId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_payrolls_TenantId_Year",
                table: "payrolls",
                columns: new[] { "TenantId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quarterly_evaluations_TenantId_Township_Year_Quarter",
                table: "quarterly_evaluations",
                columns: new[] { "TenantId", "Township", "Year", "Quarter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_quarterly_scores_EvaluationId_VillageId",
                table: "quarterly_scores",
                columns: new[] { "EvaluationId", "VillageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_applications_RoundId_VillageId",
                table: "selection_applications",
                columns: new[] { "RoundId", "VillageId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_rounds_TenantId_Year",
                table: "selection_rounds",
                columns: new[] { "TenantId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_selection_stages_RoundId_Stage",
                table: "selection_stages",
                columns: new[] { "RoundId", "Stage" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "evaluation_objections");

            migrationBuilder.DropTable(
                name: "former_principals");

            migrationBuilder.DropTable(
                name: "institution_pay_awards");

            migrationBuilder.DropTable(
                name: "payroll_lines");

            migrationBuilder.DropTable(
                name: "quarterly_scores");

            migrationBuilder.DropTable(
                name: "selection_applications");

            migrationBuilder.DropTable(
                name: "selection_stages");

            migrationBuilder.DropTable(
                name: "payrolls");

            migrationBuilder.DropTable(
                name: "quarterly_evaluations");

            migrationBuilder.DropTable(
                name: "selection_rounds");

            migrationBuilder.DropIndex(
                name: "IX_yearly_grades_TenantId_Year",
                table: "yearly_grades");

            migrationBuilder.DropIndex(
                name: "IX_villages_TenantId_Township_Name",
                table: "villages");

            migrationBuilder.DropColumn(
                name: "AverageScore",
                table: "yearly_grades");

            migrationBuilder.DropColumn(
                name: "TeamGrade",
                table: "yearly_grades");

            migrationBuilder.DropColumn(
                name: "PrincipalName",
                table: "villages");

            migrationBuilder.CreateIndex(
                name: "IX_villages_TenantId_Township",
                table: "villages",
                columns: new[] { "TenantId", "Township" });
        }
    }
}
