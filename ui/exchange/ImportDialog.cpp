#include "ImportDialog.h"

#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"
#include "ui/exchange/ImportChangeModel.h"

#include <QCheckBox>
#include <QCloseEvent>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

/// How long typing in the keyword mappings waits before the file is planned again.
constexpr int kReplanDelayMs = 300;

} // namespace

ImportDialog::ImportDialog(Tenant &tenant, QWidget *parent)
    : QDialog(parent)
    , m_tenant(tenant)
    , m_importer(new TenantImporter(tenant, this))
    , m_model(new ImportChangeModel(this))
    , m_replanTimer(new QTimer(this))
    , m_sourceEdit(new QLineEdit(this))
    , m_message(new MessageBar(this))
    , m_summary(new QLabel(this))
    , m_tree(new QTreeView(this))
    , m_emptyState(new QLabel(this))
    , m_notesTitle(Form::section(tr("What Authdeck leaves out"), this))
    , m_notes(new QLabel(this))
    , m_allowDelete(new QCheckBox(tr("Allow &deletions"), this))
    , m_keywords(new QLineEdit(this))
    , m_keywordsError(Form::error(QStringLiteral("keywordsError"), this))
    , m_progress(new QWidget(this))
    , m_progressText(new QLabel(m_progress))
{
    setObjectName(QStringLiteral("importDialog"));
    setWindowTitle(tr("Import Tenant"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(8);
    layout->addWidget(Form::pageHeader(tr("Import Tenant"),
                                       tr("Apply a tenant written by Auth0's Deploy CLI (a0deploy export) or "
                                          "by File > Export Tenant. Nothing changes until you import."),
                                       this));
    layout->addSpacing(8);

    m_sourceEdit->setObjectName(QStringLiteral("importSource"));
    m_sourceEdit->setReadOnly(true);
    m_sourceEdit->setPlaceholderText(tr("Choose a tenant.yaml, or a folder in the directory format"));
    auto *chooseFile = Form::button(tr("Choose &File…"), {}, QStringLiteral("chooseFileButton"), this);
    auto *chooseFolder = Form::button(tr("Choose F&older…"), {}, QStringLiteral("chooseFolderButton"), this);
    layout->addWidget(Form::label(tr("Source"), m_sourceEdit, this));
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_sourceEdit, 1);
    sourceRow->addWidget(chooseFile);
    sourceRow->addWidget(chooseFolder);
    layout->addLayout(sourceRow);

    layout->addSpacing(4);
    m_keywords->setObjectName(QStringLiteral("keywordsEdit"));
    m_keywords->setPlaceholderText(QStringLiteral(R"({"DOMAIN": "login.example.com", "CALLBACKS": ["…"]})"));
    layout->addWidget(Form::label(tr("&Keyword mappings (optional)"), m_keywords, this));
    layout->addWidget(m_keywords);
    layout->addWidget(m_keywordsError);
    layout->addWidget(Form::hint(tr("A JSON object, as AUTH0_KEYWORD_REPLACE_MAPPINGS: ##KEY## in the files "
                                    "becomes the value as text, @@KEY@@ its JSON."),
                                 this));
    m_allowDelete->setObjectName(QStringLiteral("allowDeleteCheck"));
    layout->addWidget(m_allowDelete);
    layout->addWidget(Form::hint(tr("Deletes the applications and actions the file does not list, as "
                                    "AUTH0_ALLOW_DELETE does. Off: they are kept."),
                                 this));

    layout->addSpacing(8);
    m_message->setObjectName(QStringLiteral("importMessage"));
    layout->addWidget(m_message);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setProperty("role", QStringLiteral("section"));
    layout->addWidget(m_summary);

    m_tree->setObjectName(QStringLiteral("changeTree"));
    m_tree->setModel(m_model);
    m_tree->setAccessibleName(tr("Changes"));
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->setSectionResizeMode(ImportChangeModel::NameColumn, QHeaderView::Interactive);
    m_tree->setColumnWidth(ImportChangeModel::NameColumn, 260);
    m_tree->setMinimumHeight(220);
    layout->addWidget(m_tree, 1);
    m_emptyState->setObjectName(QStringLiteral("emptyState"));
    Form::setUpEmptyState(m_emptyState);
    m_emptyState->setMinimumHeight(120);
    layout->addWidget(m_emptyState, 1);

    m_notes->setObjectName(QStringLiteral("importNotes"));
    m_notes->setWordWrap(true);
    m_notes->setProperty("role", QStringLiteral("hint"));
    m_notes->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_notesTitle);
    layout->addWidget(m_notes);

    auto *progressLayout = new QHBoxLayout(m_progress);
    progressLayout->setContentsMargins(0, 4, 0, 0);
    auto *bar = new QProgressBar(m_progress);
    bar->setRange(0, 0);
    bar->setTextVisible(false);
    bar->setMaximumWidth(120);
    bar->setMaximumHeight(6);
    m_progressText->setObjectName(QStringLiteral("importProgress"));
    progressLayout->addWidget(bar);
    progressLayout->addWidget(m_progressText, 1);
    m_progress->hide();
    layout->addWidget(m_progress);

    auto *buttons = new QDialogButtonBox(this);
    m_import = buttons->addButton(tr("Import"), QDialogButtonBox::AcceptRole);
    m_import->setObjectName(QStringLiteral("importButton"));
    Form::setKind(m_import, QStringLiteral("primary"));
    m_import->setAutoDefault(false);
    m_cancel = buttons->addButton(QDialogButtonBox::Cancel);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setAutoDefault(false);
    ConfirmationBox::useFlatButtons(buttons);
    layout->addSpacing(8);
    layout->addWidget(buttons);

    m_replanTimer->setSingleShot(true);
    m_replanTimer->setInterval(kReplanDelayMs);
    connect(m_replanTimer, &QTimer::timeout, this, &ImportDialog::replan);
    connect(m_keywords, &QLineEdit::textChanged, this, [this] {
        m_replanTimer->start();
        updateButtons();
    });
    connect(m_allowDelete, &QCheckBox::toggled, this, &ImportDialog::replan);
    connect(chooseFile, &QPushButton::clicked, this, &ImportDialog::chooseFile);
    connect(chooseFolder, &QPushButton::clicked, this, &ImportDialog::chooseFolder);
    connect(m_import, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancel, &QPushButton::clicked, this, [this] { m_imported ? accept() : reject(); });
    connect(m_importer, &TenantImporter::progress, m_progressText, &QLabel::setText);
    connect(m_importer, &TenantImporter::finished, this, &ImportDialog::importFinished);

    showPlan();
    chooseFile->setFocus();
    resize(860, 800);
}

ImportDialog::~ImportDialog() = default;

bool ImportDialog::isImporting() const
{
    return m_importer->isRunning();
}

void ImportDialog::setSource(const QString &path)
{
    m_source = path;
    m_sourceEdit->setText(QDir::toNativeSeparators(path));
    m_imported = false;
    replan();
}

std::optional<QJsonObject> ImportDialog::keywords(QString *problem) const
{
    if (m_keywords->text().trimmed().isEmpty())
        return QJsonObject();
    QJsonParseError failure;
    const QJsonDocument parsed = QJsonDocument::fromJson(m_keywords->text().toUtf8(), &failure);
    if (parsed.isObject())
        return parsed.object();
    *problem = tr("The keyword mappings must be a JSON object: %1")
                   .arg(failure.error == QJsonParseError::NoError ? tr("this is not an object")
                                                                  : failure.errorString());
    return std::nullopt;
}

void ImportDialog::replan()
{
    m_replanTimer->stop();
    m_plan.reset();
    m_message->clear();
    QString problem;
    const auto mappings = keywords(&problem);
    Form::setError(m_keywordsError, m_keywords, problem);
    if (m_source.isEmpty() || !mappings)
        return showPlan();
    auto files = TenantFiles::read(m_source, *mappings);
    if (!files)
        return refuse(files.error().message());
    auto plan = ImportPlan::make(m_tenant, files.value(), {m_allowDelete->isChecked()});
    if (!plan)
        return refuse(plan.error().message());
    m_plan = plan.takeValue();
    showPlan();
}

void ImportDialog::refuse(const QString &message)
{
    m_message->showMessage(tr("This file cannot be imported; nothing was changed.\n%1").arg(message),
                           MessageBar::Level::Error);
    showPlan();
}

void ImportDialog::showPlan()
{
    m_model->setChanges(m_plan ? m_plan->changes() : QList<ResourceChange> {});
    m_tree->expandAll();
    const bool empty = !m_plan || m_plan->isEmpty();
    m_tree->setVisible(!empty);
    m_emptyState->setVisible(empty);
    if (m_source.isEmpty())
        m_emptyState->setText(tr("Choose a tenant.yaml, or a folder in Deploy CLI's directory format, to "
                                 "see what importing it changes."));
    else if (m_plan)
        m_emptyState->setText(tr("The tenant already matches this file."));
    else
        m_emptyState->setText(tr("No changes to show."));
    m_summary->setText(m_plan ? m_plan->summary() : QString());
    m_summary->setVisible(m_plan.has_value());
    const QStringList notes = m_plan ? m_plan->notes() : QStringList();
    m_notes->setText(QStringLiteral("• ") + notes.join(QStringLiteral("\n• ")));
    m_notesTitle->setVisible(!notes.isEmpty());
    m_notes->setVisible(!notes.isEmpty());
    updateButtons();
}

void ImportDialog::updateButtons()
{
    const bool running = isImporting();
    m_import->setVisible(!m_imported);
    m_import->setEnabled(!running && m_plan && !m_plan->isEmpty() && !m_replanTimer->isActive());
    m_cancel->setEnabled(!running);
    m_cancel->setText(m_imported ? tr("Close") : tr("Cancel"));
    for (QWidget *option : {static_cast<QWidget *>(m_allowDelete),
                            static_cast<QWidget *>(m_keywords),
                            findChild<QWidget *>(QStringLiteral("chooseFileButton")),
                            findChild<QWidget *>(QStringLiteral("chooseFolderButton"))})
        option->setEnabled(!running && !m_imported);
    m_progress->setVisible(running);
}

void ImportDialog::startImport()
{
    if (isImporting() || m_imported)
        return;
    // Planned again, so that what is applied is what the list shows: the tenant may have changed since
    // (the Management API of the login server writes to it too).
    const QString shown = m_plan ? m_plan->describe() : QString();
    replan();
    if (!m_plan || m_plan->isEmpty())
        return;
    if (m_plan->describe() != shown) {
        m_message->showMessage(tr("The tenant changed since the list was made; check the changes again."),
                               MessageBar::Level::Warning);
        return;
    }
    m_message->clear();
    m_progressText->setText(tr("Starting the import…"));
    m_importer->apply(*m_plan);
    updateButtons();
}

void ImportDialog::importFinished(const QString &error)
{
    if (!error.isEmpty()) {
        m_message->showMessage(tr("Nothing was imported: %1\nThe tenant is as it was.").arg(error),
                               MessageBar::Level::Error);
        updateButtons();
        return;
    }
    int counts[3] = {0, 0, 0};
    for (const ResourceChange &change : m_plan->changes())
        ++counts[int(change.kind)];
    m_imported = true;
    m_message->showMessage(tr("Imported: %1 created, %2 changed, %3 deleted.")
                               .arg(counts[int(ResourceChange::Kind::Create)])
                               .arg(counts[int(ResourceChange::Kind::Change)])
                               .arg(counts[int(ResourceChange::Kind::Delete)]),
                           MessageBar::Level::Success);
    updateButtons();
    m_cancel->setFocus();
}

void ImportDialog::reject()
{
    if (isImporting()) // all or nothing: the import finishes (or rolls back) first
        return;
    QDialog::reject();
}

void ImportDialog::closeEvent(QCloseEvent *event)
{
    if (isImporting()) {
        event->ignore();
        return;
    }
    QDialog::closeEvent(event);
}

void ImportDialog::chooseFile()
{
    auto *dialog = new QFileDialog(this,
                                   tr("Import a tenant file"),
                                   m_source.isEmpty() ? QDir::homePath() : m_source,
                                   tr("Deploy CLI YAML (*.yaml *.yml);;All files (*)"));
    dialog->setObjectName(QStringLiteral("importFileDialog"));
    dialog->setFileMode(QFileDialog::ExistingFile);
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ImportDialog::setSource);
    dialog->open();
}

void ImportDialog::chooseFolder()
{
    auto *dialog = new QFileDialog(this,
                                   tr("Import a folder in the directory format"),
                                   m_source.isEmpty() ? QDir::homePath() : m_source);
    dialog->setObjectName(QStringLiteral("importFolderDialog"));
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOptions(QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QFileDialog::fileSelected, this, &ImportDialog::setSource);
    dialog->open();
}
