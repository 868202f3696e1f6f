// ImportSecrets, as an import uses it, with a keyring that fails: an import cut short leaves the tenant and
// the keyring as they were, or notes what it could not undo for the next open (SecretRecovery), on both
// engines. tst_tenantimporter has the import that fails in the tenant and puts the keyring back.

#include "KeyringFaultFixture.h"
#include "core/actions/CustomActionService.h"
#include "core/exchange/ImportPlan.h"
#include "core/exchange/TenantFiles.h"
#include "core/exchange/TenantImporter.h"
#include "tests/support/CustomActionJobResult.h"
#include "tests/support/ResultText.h"
#include "tests/support/SecretJobResult.h"
#include "tests/support/StoreEngine.h"
#include "tests/support/StoreFault.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

namespace {

/// A Send Phone Message action as a Deploy CLI file lists it, not deployed, with the secret @p secret = @p
/// value.
QJsonObject phoneAction(const QString &name, const QString &code, const QString &secret, const QString &value)
{
    return {{QStringLiteral("name"), name},
            {QStringLiteral("code"), code},
            {QStringLiteral("runtime"), QStringLiteral("node18")},
            {QStringLiteral("deployed"), false},
            {QStringLiteral("secrets"),
             QJsonArray {QJsonObject {{QStringLiteral("name"), secret}, {QStringLiteral("value"), value}}}},
            {QStringLiteral("supported_triggers"),
             QJsonArray {QJsonObject {{QStringLiteral("id"), QStringLiteral("send-phone-message")},
                                      {QStringLiteral("version"), QStringLiteral("v2")}}}}};
}

} // namespace

class TestImportSecrets final : public QObject, private KeyringFaultFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase_data();
    void init();
    void cleanup();

    void importCutShort();
    void importThatCannotKeepASecretTouchesNothing();

private:
    /// The plan of importing a file that lists @p actions.
    Result<ImportPlan> planActions(const QJsonArray &actions);
    /// Applies @p plan; the importer's error ("<no answer>" when it never finished).
    QString apply(const ImportPlan &plan);
};

void TestImportSecrets::initTestCase_data()
{
    StoreEngine::addGlobalRows();
}

void TestImportSecrets::init()
{
    if (const QString why = StoreEngine::unavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    QVERIFY(openFresh());
}

void TestImportSecrets::cleanup()
{
    closeAll();
}

Result<ImportPlan> TestImportSecrets::planActions(const QJsonArray &actions)
{
    const QString folder = m_temp->folder() + QStringLiteral("/import");
    if (!TenantFiles::write({{QStringLiteral("actions"), actions}}, folder, TenantFiles::Format::Yaml))
        return Error(Error::Kind::Storage, QStringLiteral("could not write ") + folder);
    auto files = TenantFiles::read(folder);
    if (!files)
        return files.error();
    return ImportPlan::make(*m_tenant, files.value(), {});
}

QString TestImportSecrets::apply(const ImportPlan &plan)
{
    TenantImporter importer(*m_tenant);
    QSignalSpy finished(&importer, &TenantImporter::finished);
    importer.apply(plan);
    return finished.wait() ? finished.first().first().toString() : QStringLiteral("<no answer>");
}

void TestImportSecrets::importCutShort()
{
    // An import that creates an action with a secret: the keyring takes the secret, then goes away, so the
    // import fails, its transaction rolls back, and the secret cannot be taken back out.
    const QJsonObject action
        = phoneAction(QStringLiteral("Imported"),
                      QStringLiteral("exports.onExecuteSendPhoneMessage = async () => {};\n"),
                      QStringLiteral("KEY"),
                      QStringLiteral("imported-value"));
    const auto plan = planActions({action});
    QVERIFY2(plan, errorBytes(plan));

    // The secret's read (it is new) and its write are answered; then the tenant refuses the record of the
    // secret, and the keyring is gone when the secret is taken back out.
    QCOMPARE(StoreFault::refuse(m_tenant->database(),
                                QStringLiteral("no_secrets"),
                                QStringLiteral("UPDATE OF secrets"),
                                QStringLiteral("custom_actions"),
                                QStringLiteral("the disk is full")),
             QString());
    m_keyring->answersLeft = 2;
    const QString error = apply(plan.value());
    QVERIFY(!error.isEmpty() && error != QLatin1String("<no answer>"));
    QTRY_COMPARE(m_keyring->jobsRun, 4); // the undo's removal and the importer's, both refused
    QCOMPARE(m_keyring->count(), 1);
    QVERIFY(m_tenant->customActions().list().value().isEmpty()); // rolled back
    QCOMPARE(journalRows(), 1); // noted before the import's transaction began

    const auto found = reopenAfterCrash();
    QCOMPARE(found.size(), 1);
    QVERIFY2(found.constFirst().message.contains(QLatin1String("deleted action")),
             qPrintable(found.constFirst().message));
    QCOMPARE(m_keyring->count(), 0);
    QCOMPARE(journalRows(), 0);
}

void TestImportSecrets::importThatCannotKeepASecretTouchesNothing()
{
    // The import reads the secret it replaces before anything else, to put it back on a failure; a keyring
    // that cannot answer stops the import there.
    auto notify
        = m_tenant->customActions().create(QStringLiteral("Notify"), QStringLiteral("send-phone-message"));
    QVERIFY2(notify, errorBytes(notify));
    const CustomActionJobResult set
        = waitForJob(m_tenant->customActions().setSecret(notify.value().id, QStringLiteral("TOKEN"), "old"));
    QVERIFY2(set.succeeded, qPrintable(set.message()));
    const QJsonObject action
        = phoneAction(QStringLiteral("Notify"),
                      QStringLiteral("exports.onExecuteSendPhoneMessage = async () => { /* new */ };\n"),
                      QStringLiteral("TOKEN"),
                      QStringLiteral("new"));
    const auto plan = planActions({action});
    QVERIFY2(plan, errorBytes(plan));

    m_keyring->answersLeft = 0;
    const QString error = apply(plan.value());
    QVERIFY2(error.contains(QLatin1String("could not read the secret TOKEN of action Notify")),
             qPrintable(error));
    QCOMPARE(m_keyring->jobsRun, 3); // setSecret's read and write, then the import's read, refused: no more

    m_keyring->comeBack();
    QCOMPARE(waitForJob(m_keyring->read(CustomActionService::secretKey(
                            m_tenant->id(), notify.value().id, QStringLiteral("TOKEN"))))
                 .value,
             QByteArray("old"));
    QCOMPARE(m_tenant->customActions().find(notify.value().id).value().code, notify.value().code);
    QCOMPARE(journalRows(), 0); // the note of a key never touched is settled at once
    QVERIFY(reopenAfterCrash().isEmpty());
}

QTEST_GUILESS_MAIN(TestImportSecrets)
#include "TestImportSecrets.moc"
