// File > Export Tenant's dialog on real widgets: the tenant written as tenant.yaml or as a directory, what
// was written said and the folder opened from there; never a secret; a missing or unwritable folder
// refused with a message.

#include "core/actions/CustomActionService.h"
#include "core/applications/ApplicationService.h"
#include "core/exchange/TenantFiles.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/TempTenant.h"
#include "ui/common/ChoiceCard.h"
#include "ui/common/MessageBar.h"
#include "ui/exchange/ExportDialog.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestExportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void writes_data();
    void writes();
    void writesNoSecret();
    void opensTheFolder();
    void refusesNoFolder();
    void saysWhyItCannotWrite();
    void remembersFolderAndFormat();

private:
    ExportDialog *openDialog();
    QString messageText() const;
    void clickExport();

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<QTemporaryDir> m_out;
    std::unique_ptr<ExportDialog> m_dialog;
};

void TestExportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_ui_exportdialog"));
}

void TestExportDialog::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_out = std::make_unique<QTemporaryDir>();
    QVERIFY(m_out->isValid());
    QVERIFY(m_tenant->tenant().applications().create(
        {QStringLiteral("Web Shop"), ApplicationType::SinglePage, {}, {}}));
}

void TestExportDialog::cleanup()
{
    m_dialog.reset();
    m_out.reset();
    m_tenant.reset();
}

ExportDialog *TestExportDialog::openDialog()
{
    m_dialog = std::make_unique<ExportDialog>(m_tenant->tenant());
    m_dialog->show();
    return m_dialog.get();
}

QString TestExportDialog::messageText() const
{
    auto *bar = m_dialog->findChild<MessageBar *>(QStringLiteral("exportMessage"));
    return bar && bar->isVisible() ? bar->text() : QString();
}

void TestExportDialog::clickExport()
{
    QTest::mouseClick(m_dialog->findChild<QPushButton *>(QStringLiteral("exportButton")), Qt::LeftButton);
}

void TestExportDialog::writes_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("file");

    QTest::newRow("yaml") << "formatYaml"
                          << "tenant.yaml";
    QTest::newRow("directory") << "formatDirectory"
                               << "clients/Web Shop.json";
}

void TestExportDialog::writes()
{
    QFETCH(QString, format);
    QFETCH(QString, file);
    ExportDialog *dialog = openDialog();
    const QString folder = m_out->filePath(QStringLiteral("export"));
    auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("exportFolder"));
    edit->clear();
    QTest::keyClicks(edit, folder);
    QTest::mouseClick(dialog->findChild<ChoiceCard *>(format), Qt::LeftButton);
    QCOMPARE(dialog->isYaml(), format == QLatin1String("formatYaml"));
    clickExport();
    QVERIFY2(dialog->written().contains(file), qPrintable(dialog->written().join(QStringLiteral(", "))));
    QVERIFY(QFile::exists(folder + QLatin1Char('/') + file));
    QCOMPARE(messageText(),
             dialog->written().size() == 1
                 ? QStringLiteral("Wrote 1 file to %1.").arg(folder)
                 : QStringLiteral("Wrote %1 files to %2.").arg(dialog->written().size()).arg(folder));
    // What was written reads back as the tenant.
    auto read = TenantFiles::read(
        format == QLatin1String("formatYaml") ? folder + QStringLiteral("/tenant.yaml") : folder);
    QVERIFY2(read, qPrintable(read ? QString() : read.error().message()));
    const QJsonArray clients = read.value().document().value(QLatin1String("clients")).toArray();
    QCOMPARE(clients.size(), 1);
    QCOMPARE(clients.at(0).toObject().value(QLatin1String("name")).toString(), QStringLiteral("Web Shop"));
}

void TestExportDialog::writesNoSecret()
{
    auto action
        = m_tenant->tenant().customActions().create(QStringLiteral("Notify"), QStringLiteral("post-login"));
    QVERIFY(action);
    CustomActionJob *job = m_tenant->tenant().customActions().setSecret(
        action.value().id, QStringLiteral("API_TOKEN"), "never-written-7f3a");
    const CustomActionJobResult set = waitForJob(job);
    QVERIFY2(set.succeeded, qPrintable(set.message()));

    ExportDialog *dialog = openDialog();
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("secretsNote"))
                ->text()
                .startsWith(QStringLiteral("Secrets are never written.")));
    dialog->setFolder(m_out->path());
    clickExport();
    QVERIFY(!dialog->written().isEmpty());
    QByteArray everything;
    QDirIterator files(m_out->path(), QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        QVERIFY(file.open(QIODevice::ReadOnly));
        everything += file.readAll();
    }
    QVERIFY(everything.contains("API_TOKEN"));
    QVERIFY(!everything.contains("never-written-7f3a"));
    QVERIFY(!everything.contains("client_secret"));
}

void TestExportDialog::opensTheFolder()
{
    ExportDialog *dialog = openDialog();
    QList<QUrl> opened;
    dialog->setOpener([&opened](const QUrl &url) {
        opened.append(url);
        return true;
    });
    dialog->setFolder(m_out->path());
    clickExport();
    auto *open = dialog->findChild<QPushButton *>(QStringLiteral("openFolderButton"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QCOMPARE(opened, QList<QUrl> {QUrl::fromLocalFile(m_out->path())});

    dialog->setOpener([](const QUrl &) { return false; });
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("openFolderButton")), Qt::LeftButton);
    QVERIFY2(messageText().contains(QStringLiteral("could not be opened")), qPrintable(messageText()));
}

void TestExportDialog::refusesNoFolder()
{
    ExportDialog *dialog = openDialog();
    dialog->findChild<QLineEdit *>(QStringLiteral("exportFolder"))->clear();
    clickExport();
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("folderError"));
    QVERIFY(error->isVisible());
    QCOMPARE(error->text(), QStringLiteral("Choose the folder to write into."));
    QVERIFY(dialog->written().isEmpty());
    QVERIFY(messageText().isEmpty());
}

void TestExportDialog::saysWhyItCannotWrite()
{
    // The folder asked is a file: nothing can be written under it.
    QFile blocker(m_out->filePath(QStringLiteral("not-a-folder")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    ExportDialog *dialog = openDialog();
    dialog->setFolder(blocker.fileName());
    clickExport();
    QVERIFY2(messageText().startsWith(QStringLiteral("The export stopped: ")), qPrintable(messageText()));
    QVERIFY(dialog->written().isEmpty());
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("openFolderButton")) == nullptr);
}

void TestExportDialog::remembersFolderAndFormat()
{
    ExportDialog *dialog = openDialog();
    dialog->setFolder(m_out->path());
    QTest::mouseClick(dialog->findChild<ChoiceCard *>(QStringLiteral("formatDirectory")), Qt::LeftButton);
    clickExport();
    QVERIFY(!dialog->written().isEmpty());
    ExportDialog *again = openDialog();
    QCOMPARE(again->folder(), m_out->path());
    QVERIFY(!again->isYaml());
    QVERIFY(again->findChild<QLabel *>(QStringLiteral("folderHint"))
                ->text()
                .startsWith(QStringLiteral("This folder is not empty")));
}

QTEST_MAIN(TestExportDialog)

#include "TestExportDialog.moc"
