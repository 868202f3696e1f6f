// File > Import Tenant's dialog on real widgets: a file exported from the tenant and then edited shows its
// changes as rows; Cancel changes nothing; Import applies all of it, or nothing when a step fails; a
// refused file names its file and line; Allow deletions and the keyword mappings plan the file again.

#include "core/actions/CustomActionService.h"
#include "core/applications/ApplicationService.h"
#include "core/exchange/TenantExporter.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "tests/support/TempTenant.h"
#include "tests/ui/UiTestHelpers.h"
#include "ui/common/MessageBar.h"
#include "ui/exchange/ImportChangeModel.h"
#include "ui/exchange/ImportDialog.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

class TestImportDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();

    void showsTheChanges();
    void sameTenantHasNothingToImport();
    void cancelChangesNothing();
    void importApplies();
    void failedImportChangesNothing();
    void refusedFileNamesFileAndLine_data();
    void refusedFileNamesFileAndLine();
    void allowDeletionsPlansAgain();
    void keywordMappings();
    void choosesTheFileInAFileDialog();

private:
    /// The tenant exported as tenant.yaml after @p edit changed its assets; the file's path.
    QString exportEdited(const std::function<void(QJsonObject &)> &edit);
    /// Writes @p text as tenant.yaml; its path.
    QString writeYaml(const QByteArray &text);
    /// A dialog over the tenant, shown, reading @p path.
    ImportDialog *openDialog(const QString &path);
    /// Each row of the change tree: "NAME | CHANGE", fields indented below their resource.
    QStringList rows() const;
    QStringList applicationNames();
    QString messageText() const;

    std::unique_ptr<TempTenant> m_tenant;
    std::unique_ptr<QTemporaryDir> m_files;
    std::unique_ptr<ImportDialog> m_dialog;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void TestImportDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestImportDialog::init()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    m_files = std::make_unique<QTemporaryDir>();
    QVERIFY(m_files->isValid());
    auto shop = m_tenant->tenant().applications().create(
        {QStringLiteral("Web Shop"), ApplicationType::SinglePage, {}, {}});
    QVERIFY2(shop, qPrintable(shop ? QString() : shop.error().message()));
    auto old = m_tenant->tenant().applications().create(
        {QStringLiteral("Old Portal"), ApplicationType::RegularWeb, {}, {}});
    QVERIFY(old);
}

void TestImportDialog::cleanup()
{
    if (m_dialog && m_dialog->isImporting()) // an import that never finished: let it roll back first
        QTRY_VERIFY(!m_dialog->isImporting());
    m_tester.reset();
    m_dialog.reset();
    m_files.reset();
    m_tenant.reset();
}

QString TestImportDialog::exportEdited(const std::function<void(QJsonObject &)> &edit)
{
    auto assets = TenantExporter::collect(m_tenant->tenant());
    if (!assets)
        return {};
    QJsonObject document = assets.value();
    edit(document);
    auto written = TenantFiles::write(document, m_files->path(), TenantFiles::Format::Yaml);
    return written ? m_files->filePath(QStringLiteral("tenant.yaml")) : QString();
}

QString TestImportDialog::writeYaml(const QByteArray &text)
{
    QFile file(m_files->filePath(QStringLiteral("tenant.yaml")));
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size())
        return {};
    return file.fileName();
}

ImportDialog *TestImportDialog::openDialog(const QString &path)
{
    m_dialog = std::make_unique<ImportDialog>(m_tenant->tenant());
    auto *tree = m_dialog->findChild<QTreeView *>(QStringLiteral("changeTree"));
    if (tree)
        m_tester = std::make_unique<QAbstractItemModelTester>(
            tree->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_dialog->show();
    if (!path.isEmpty())
        m_dialog->setSource(path);
    return m_dialog.get();
}

QStringList TestImportDialog::rows() const
{
    QStringList lines;
    auto *tree = m_dialog->findChild<QTreeView *>(QStringLiteral("changeTree"));
    if (!tree || !tree->isVisible())
        return lines;
    const QAbstractItemModel *model = tree->model();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex resource = model->index(row, 0);
        lines.append(resource.data().toString() + QStringLiteral(" | ")
                     + model->index(row, 1).data().toString());
        for (int field = 0; field < model->rowCount(resource); ++field)
            lines.append(QStringLiteral("    ") + model->index(field, 0, resource).data().toString()
                         + QStringLiteral(" | ") + model->index(field, 1, resource).data().toString());
    }
    return lines;
}

QStringList TestImportDialog::applicationNames()
{
    QStringList names;
    auto list = m_tenant->tenant().applications().list();
    for (const ApplicationSummary &summary : list ? list.value() : QList<ApplicationSummary> {})
        names.append(summary.name);
    names.sort();
    return names;
}

QString TestImportDialog::messageText() const
{
    auto *bar = m_dialog->findChild<MessageBar *>(QStringLiteral("importMessage"));
    return bar && bar->isVisible() ? bar->text() : QString();
}

namespace {

/// Adds the machine-to-machine client "Billing" and gives "Web Shop" a callback.
void addBillingAndCallback(QJsonObject &document)
{
    QJsonArray clients = document.value(QLatin1String("clients")).toArray();
    for (int i = 0; i < clients.size(); ++i) {
        QJsonObject client = clients.at(i).toObject();
        if (client.value(QLatin1String("name")).toString() == QLatin1String("Web Shop")) {
            client.insert(QStringLiteral("callbacks"),
                          QJsonArray {QStringLiteral("https://shop.example/cb")});
            clients.replace(i, client);
        }
    }
    clients.append(QJsonObject {{QStringLiteral("name"), QStringLiteral("Billing")},
                                {QStringLiteral("app_type"), QStringLiteral("non_interactive")}});
    document.insert(QStringLiteral("clients"), clients);
}

} // namespace

void TestImportDialog::showsTheChanges()
{
    const QString path = exportEdited(addBillingAndCallback);
    QVERIFY(!path.isEmpty());
    ImportDialog *dialog = openDialog(path);
    const QStringList shown = rows();
    QVERIFY2(shown.contains(QStringLiteral("+  Billing | Application · created")),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QVERIFY2(shown.contains(QStringLiteral("~  Web Shop | Application · 1 field changed")),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QVERIFY2(shown.contains(QStringLiteral("    callbacks | (none)  →  https://shop.example/cb")),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QVERIFY2(!shown.join(QLatin1Char('\n')).contains(QStringLiteral("Old Portal")),
             qPrintable(shown.join(QLatin1Char('\n'))));
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("importSummary"))->text(),
             QStringLiteral("1 to create, 1 to change, 0 to delete"));
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("emptyState"))->isVisible());
    QVERIFY(messageText().isEmpty());
}

void TestImportDialog::sameTenantHasNothingToImport()
{
    const QString path = exportEdited([](QJsonObject &) {});
    QVERIFY(!path.isEmpty());
    ImportDialog *dialog = openDialog(path);
    auto *empty = dialog->findChild<QLabel *>(QStringLiteral("emptyState"));
    QVERIFY(empty->isVisible());
    QCOMPARE(empty->text(), QStringLiteral("The tenant already matches this file."));
    QVERIFY(rows().isEmpty());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
}

void TestImportDialog::cancelChangesNothing()
{
    const QStringList before = applicationNames();
    ImportDialog *dialog = openDialog(exportEdited(addBillingAndCallback));
    QSignalSpy rejected(dialog, &QDialog::rejected);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("cancelButton")), Qt::LeftButton);
    QTRY_COMPARE(rejected.count(), 1);
    QVERIFY(!dialog->isVisible());
    QCOMPARE(applicationNames(), before);
    auto shop = m_tenant->tenant().applications().firstOfType(ApplicationType::SinglePage, false);
    QVERIFY(shop && shop.value());
    auto stored = m_tenant->tenant().applications().find(shop.value()->clientId);
    QVERIFY(stored);
    QVERIFY(stored.value().callbacks.isEmpty());
}

void TestImportDialog::importApplies()
{
    ImportDialog *dialog = openDialog(exportEdited(addBillingAndCallback));
    QSignalSpy finished(dialog->importer(), &TenantImporter::finished);
    QSignalSpy created(&m_tenant->tenant().applications(), &ApplicationService::applicationCreated);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("importButton")), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(finished.at(0).at(0).toString(), QString());
    QCOMPARE(created.count(), 1);
    QCOMPARE(
        applicationNames(),
        QStringList({QStringLiteral("Billing"), QStringLiteral("Old Portal"), QStringLiteral("Web Shop")}));
    auto shop = m_tenant->tenant().applications().firstOfType(ApplicationType::SinglePage, false);
    QVERIFY(shop && shop.value());
    QCOMPARE(m_tenant->tenant().applications().find(shop.value()->clientId).value().callbacks,
             QStringList {QStringLiteral("https://shop.example/cb")});
    QCOMPARE(messageText(), QStringLiteral("Imported: 1 created, 1 changed, 0 deleted."));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isVisible());
    auto *close = dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"));
    QCOMPARE(close->text(), QStringLiteral("Close"));
    QSignalSpy accepted(dialog, &QDialog::accepted);
    QTest::mouseClick(close, Qt::LeftButton);
    QTRY_COMPARE(accepted.count(), 1);
}

void TestImportDialog::failedImportChangesNothing()
{
    // The new action's code does not parse: its deploy fails after Billing was written, and the whole
    // import rolls back. Escape while it runs does not close the dialog.
    const QString path = exportEdited([](QJsonObject &document) {
        addBillingAndCallback(document);
        document.insert(
            QStringLiteral("actions"),
            QJsonArray {QJsonObject {
                {QStringLiteral("name"), QStringLiteral("Broken")},
                {QStringLiteral("code"), QStringLiteral("exports.onExecutePostLogin = async (event) => {\n")},
                {QStringLiteral("runtime"), QStringLiteral("node22")},
                {QStringLiteral("deployed"), true},
                {QStringLiteral("supported_triggers"),
                 QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("post-login")}}}}}});
    });
    ImportDialog *dialog = openDialog(path);
    QVERIFY2(rows().contains(QStringLiteral("+  Broken | Action · created")),
             qPrintable(rows().join(QLatin1Char('\n'))));
    const QStringList before = applicationNames();
    QSignalSpy finished(dialog->importer(), &TenantImporter::finished);
    QSignalSpy rejected(dialog, &QDialog::rejected);
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("importButton")), Qt::LeftButton);
    QVERIFY(dialog->isImporting());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("cancelButton"))->isEnabled());
    QTest::keyClick(dialog, Qt::Key_Escape);
    QVERIFY(finished.wait(60000));
    QVERIFY(!finished.at(0).at(0).toString().isEmpty());
    QCOMPARE(rejected.count(), 0);
    QVERIFY(dialog->isVisible());
    QVERIFY2(messageText().startsWith(QStringLiteral("Nothing was imported: ")), qPrintable(messageText()));
    QVERIFY2(messageText().endsWith(QStringLiteral("The tenant is as it was.")), qPrintable(messageText()));
    QCOMPARE(applicationNames(), before);
    auto actions = m_tenant->tenant().customActions().list();
    QVERIFY(actions);
    QVERIFY(actions.value().isEmpty());
    QVERIFY(dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
}

void TestImportDialog::refusedFileNamesFileAndLine_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("place");

    QTest::newRow("unknown client field") << QByteArray("clients:\n"
                                                        "  - name: Web Shop\n"
                                                        "    app_type: spa\n"
                                                        "    colour: blue\n")
                                          << QStringLiteral("tenant.yaml, line 4: clients[0].colour");
    QTest::newRow("unknown resource type")
        << QByteArray("clients: []\nwidgets: []\n") << QStringLiteral("tenant.yaml, line 2: widgets");
    QTest::newRow("type changed") << QByteArray("clients:\n"
                                                "  - name: Web Shop\n"
                                                "    app_type: regular_web\n")
                                  << QStringLiteral("tenant.yaml, line 3: clients[0].app_type");
}

void TestImportDialog::refusedFileNamesFileAndLine()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, place);
    const QStringList before = applicationNames();
    ImportDialog *dialog = openDialog(writeYaml(yaml));
    QVERIFY2(messageText().contains(place), qPrintable(messageText()));
    QVERIFY(messageText().startsWith(QStringLiteral("This file cannot be imported; nothing was changed.")));
    QVERIFY(!dialog->plan());
    QVERIFY(rows().isEmpty());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
    QCOMPARE(applicationNames(), before);
}

void TestImportDialog::allowDeletionsPlansAgain()
{
    ImportDialog *dialog = openDialog(exportEdited([](QJsonObject &document) {
        QJsonArray kept;
        for (const QJsonValue &client : document.value(QLatin1String("clients")).toArray())
            if (client.toObject().value(QLatin1String("name")).toString() != QLatin1String("Old Portal"))
                kept.append(client);
        document.insert(QStringLiteral("clients"), kept);
    }));
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("emptyState"))->isVisible());
    auto *allow = dialog->findChild<QCheckBox *>(QStringLiteral("allowDeleteCheck"));
    UiTest::clickToggle(allow);
    QVERIFY(allow->isChecked());
    QCOMPARE(rows(), QStringList {QStringLiteral("−  Old Portal | Application · deleted")});
    QCOMPARE(dialog->findChild<QLabel *>(QStringLiteral("importSummary"))->text(),
             QStringLiteral("0 to create, 0 to change, 1 to delete"));
    UiTest::clickToggle(allow);
    QVERIFY(rows().isEmpty());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
}

void TestImportDialog::keywordMappings()
{
    const QString path = writeYaml("clients:\n"
                                   "  - name: Web Shop\n"
                                   "    callbacks: @@CALLBACKS@@\n");
    ImportDialog *dialog = openDialog(path);
    auto *keywords = dialog->findChild<QLineEdit *>(QStringLiteral("keywordsEdit"));
    auto *error = dialog->findChild<QLabel *>(QStringLiteral("keywordsError"));
    auto *import = dialog->findChild<QPushButton *>(QStringLiteral("importButton"));

    UiTest::retype(keywords, QStringLiteral("{\"CALLBACKS\": [\"https://shop.example/cb\""));
    QVERIFY(!import->isEnabled());
    QTRY_VERIFY(error->isVisible());
    QVERIFY2(error->text().startsWith(QStringLiteral("The keyword mappings must be a JSON object: ")),
             qPrintable(error->text()));
    QVERIFY(!dialog->plan());
    QVERIFY(!import->isEnabled());

    UiTest::retype(keywords, QStringLiteral("[1, 2]"));
    QTRY_COMPARE(error->text(),
                 QStringLiteral("The keyword mappings must be a JSON object: this is not an object"));

    UiTest::retype(keywords, QStringLiteral("{\"CALLBACKS\": [\"https://shop.example/cb\"]}"));
    QTRY_VERIFY(dialog->plan().has_value());
    QVERIFY(!error->isVisible());
    QVERIFY2(rows().contains(QStringLiteral("    callbacks | (none)  →  https://shop.example/cb")),
             qPrintable(rows().join(QLatin1Char('\n')) + messageText()));
    QVERIFY(import->isEnabled());
}

void TestImportDialog::choosesTheFileInAFileDialog()
{
    const QString path = exportEdited(addBillingAndCallback);
    ImportDialog *dialog = openDialog({});
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("emptyState"))
                ->text()
                .startsWith(QStringLiteral("Choose a tenant.yaml")));
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("importButton"))->isEnabled());
    QTest::mouseClick(dialog->findChild<QPushButton *>(QStringLiteral("chooseFileButton")), Qt::LeftButton);
    QFileDialog *files = nullptr;
    QTRY_VERIFY((files = dialog->findChild<QFileDialog *>(QStringLiteral("importFileDialog")))
                && files->isVisible());
    files->selectFile(path);
    auto *buttons = files->findChild<QDialogButtonBox *>(QStringLiteral("buttonBox"));
    QVERIFY(buttons && buttons->button(QDialogButtonBox::Open));
    QTRY_VERIFY(buttons->button(QDialogButtonBox::Open)->isEnabled());
    QTest::mouseClick(buttons->button(QDialogButtonBox::Open), Qt::LeftButton);
    QTRY_COMPARE(dialog->source(), path);
    QVERIFY(rows().contains(QStringLiteral("+  Billing | Application · created")));
}

QTEST_MAIN(TestImportDialog)

#include "TestImportDialog.moc"
