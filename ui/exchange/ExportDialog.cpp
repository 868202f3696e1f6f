#include "ExportDialog.h"

#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantFiles.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/ConfirmationBox.h"
#include "ui/common/Form.h"
#include "ui/common/MessageBar.h"

#include <QButtonGroup>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace {

const QString kFolderKey = QStringLiteral("exchange/exportFolder");
const QString kFormatKey = QStringLiteral("exchange/exportFormat");

} // namespace

ExportDialog::ExportDialog(Tenant &tenant, QWidget *parent)
    : QDialog(parent)
    , m_tenant(tenant)
    , m_folder(new QLineEdit(this))
    , m_folderError(Form::error(QStringLiteral("folderError"), this))
    , m_folderHint(Form::hint({}, this))
    , m_yaml(new ChoiceCard(QStringLiteral("logs"),
                            tr("YAML"),
                            tr("tenant.yaml, with each action's code in actions/<name>/code.js."),
                            this))
    , m_directory(new ChoiceCard(QStringLiteral("library"),
                                 tr("Directory"),
                                 tr("A JSON file per resource: clients/, actions/, triggers/, guardian/."),
                                 this))
    , m_message(new MessageBar(this))
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("exportDialog"));
    setWindowTitle(tr("Export Tenant"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(28, 24, 28, 20);
    layout->setSpacing(8);
    layout->addWidget(Form::pageHeader(tr("Export Tenant"),
                                       tr("Write this tenant in Auth0 Deploy CLI's format, to keep it in Git "
                                          "or import it into another tenant with a0deploy or Authdeck."),
                                       this));
    layout->addSpacing(8);

    m_folder->setObjectName(QStringLiteral("exportFolder"));
    m_folder->setPlaceholderText(tr("The folder to write into"));
    auto *choose = Form::button(tr("C&hoose…"), {}, QStringLiteral("chooseFolderButton"), this);
    layout->addWidget(Form::label(tr("&Folder"), m_folder, this));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(choose);
    layout->addLayout(folderRow);
    layout->addWidget(m_folderError);
    m_folderHint->setObjectName(QStringLiteral("folderHint"));
    layout->addWidget(m_folderHint);

    layout->addSpacing(6);
    layout->addWidget(Form::label(tr("Format"), nullptr, this));
    auto *formats = new QButtonGroup(this);
    m_yaml->setObjectName(QStringLiteral("formatYaml"));
    m_directory->setObjectName(QStringLiteral("formatDirectory"));
    auto *formatRow = new QHBoxLayout;
    formatRow->setSpacing(10);
    for (ChoiceCard *card : {m_yaml, m_directory}) {
        card->setCheckable(true);
        formats->addButton(card);
        formatRow->addWidget(card);
    }
    layout->addLayout(formatRow);

    layout->addSpacing(6);
    auto *secrets = new QLabel(tr("Secrets are never written. Actions list their secrets by name only, "
                                  "applications are written without their client secret, and the Plivo "
                                  "integration (with its auth token) is left out, as Deploy CLI leaves "
                                  "Marketplace integrations out; the flows still name it."),
                               this);
    secrets->setObjectName(QStringLiteral("secretsNote"));
    secrets->setProperty("role", QStringLiteral("note"));
    secrets->setWordWrap(true);
    layout->addWidget(secrets);

    m_message->setObjectName(QStringLiteral("exportMessage"));
    layout->addWidget(m_message);
    layout->addStretch(1);

    auto *buttons = new QDialogButtonBox(this);
    m_export = buttons->addButton(tr("Export"), QDialogButtonBox::ActionRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    Form::setKind(m_export, QStringLiteral("primary"));
    m_export->setDefault(true);
    QPushButton *close = buttons->addButton(QDialogButtonBox::Close);
    close->setObjectName(QStringLiteral("closeButton"));
    ConfirmationBox::useFlatButtons(buttons);
    layout->addSpacing(8);
    layout->addWidget(buttons);

    QSettings settings;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    setFolder(settings
                  .value(kFolderKey,
                         QDir(documents.isEmpty() ? QDir::homePath() : documents)
                             .filePath(QStringLiteral("authdeck-tenant")))
                  .toString());
    const bool yaml
        = settings.value(kFormatKey, QStringLiteral("yaml")).toString() != QLatin1String("directory");
    (yaml ? m_yaml : m_directory)->setChecked(true);

    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateFolderHint);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::exportTenant);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(choose, &QPushButton::clicked, this, [this] {
        auto *dialog = new QFileDialog(this, tr("Export into a folder"), folder());
        dialog->setObjectName(QStringLiteral("exportFolderDialog"));
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOptions(QFileDialog::ShowDirsOnly | QFileDialog::DontUseNativeDialog);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, &ExportDialog::setFolder);
        dialog->open();
    });
    Form::fitDialog(this, 640);
}

QString ExportDialog::folder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

void ExportDialog::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
    updateFolderHint();
}

bool ExportDialog::isYaml() const
{
    return m_yaml->isChecked();
}

void ExportDialog::setOpener(Opener opener)
{
    m_opener = std::move(opener);
}

void ExportDialog::updateFolderHint()
{
    Form::setError(m_folderError, m_folder, {});
    const QDir dir(folder());
    const bool used = !folder().isEmpty() && dir.exists()
        && !dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty();
    const QString hint = used ? tr("This folder is not empty: files of the same name are replaced, the "
                                   "others are kept (and would be imported back).")
                              : tr("Created when it does not exist.");
    if (hint == m_folderHint->text())
        return;
    m_folderHint->setText(hint);
    if (minimumWidth() > 0) // fitted already: the new hint may take another line
        Form::fitDialog(this, width());
}

bool ExportDialog::exportTenant()
{
    m_message->clear();
    const QString target = folder();
    if (target.isEmpty()) {
        Form::setError(m_folderError, m_folder, tr("Choose the folder to write into."));
        m_folder->setFocus();
        return false;
    }
    auto assets = TenantExporter::collect(m_tenant);
    if (!assets) {
        m_message->showMessage(tr("The tenant could not be read: %1").arg(assets.error().message()),
                               MessageBar::Level::Error);
        Form::fitDialog(this, width());
        return false;
    }
    const auto format = isYaml() ? TenantFiles::Format::Yaml : TenantFiles::Format::Directory;
    auto written = TenantFiles::write(assets.value(), target, format);
    if (!written) {
        m_message->showMessage(tr("The export stopped: %1\nEach file is written whole: a file either "
                                  "has its new content or is as it was.")
                                   .arg(written.error().message()),
                               MessageBar::Level::Error);
        Form::fitDialog(this, width());
        return false;
    }
    m_written = written.value();
    QSettings settings;
    settings.setValue(kFolderKey, target);
    settings.setValue(kFormatKey, isYaml() ? QStringLiteral("yaml") : QStringLiteral("directory"));
    m_message->showMessage((m_written.size() == 1 ? tr("Wrote 1 file to %1.")
                                                  : tr("Wrote %1 files to %2.").arg(m_written.size()))
                               .arg(QDir::toNativeSeparators(target)),
                           MessageBar::Level::Success);
    m_message->addAction(tr("Open Folder"), QStringLiteral("openFolderButton"), [this, target] {
        if (!m_opener(QUrl::fromLocalFile(target)))
            m_message->showMessage(tr("The folder %1 could not be opened: no file manager answered.")
                                       .arg(QDir::toNativeSeparators(target)),
                                   MessageBar::Level::Error);
    });
    updateFolderHint();
    Form::fitDialog(this, width()); // room for the message
    return true;
}
