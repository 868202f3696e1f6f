#include "ResultText.h"
#include "TempTenant.h"
#include "actions/IntegrationService.h"
#include "flows/FlowDraft.h"
#include "flows/FlowService.h"
#include "store/Database.h"

#include <QPointer>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

#include <memory>

using Bindings = QList<Binding>;

namespace {

const QString kPhone = QStringLiteral("send-phone-message");

/// A catalog of input-free integrations: four for Send Phone Message, one for Login.
QByteArray testCatalog()
{
    QByteArray json = QByteArrayLiteral("{\"integrations\": [");
    const QList<QPair<const char *, const char *>> entries {{"alpha", "send-phone-message"},
                                                            {"bravo", "send-phone-message"},
                                                            {"charlie", "send-phone-message"},
                                                            {"delta", "send-phone-message"},
                                                            {"echo", "post-login"}};
    for (int i = 0; i < entries.size(); ++i) {
        json += QByteArray(i == 0 ? "" : ",") + "{\"id\": \"" + entries.at(i).first + "\", \"name\": \""
            + entries.at(i).first + "\", \"publisher\": \"Test\", \"summary\": \"s\", \"description\": "
            + "\"d\", \"trigger\": \"" + entries.at(i).second + "\", \"version\": \"1.0.0\", \"inputs\": []}";
    }
    return json + "]}";
}

/// Installs catalog entry @p catalogId through @p service; an integration without id when it failed.
Integration install(IntegrationService &service, const QString &catalogId)
{
    Integration installed;
    IntegrationJob *job = service.install(catalogId, {}, {}, false);
    QPointer<IntegrationJob> alive(job);
    QObject::connect(job, &IntegrationJob::finished, job, [&installed](IntegrationJob *done) {
        if (done->succeeded())
            installed = done->integration();
    });
    if (!QTest::qWaitFor([&alive] { return alive.isNull(); }, 5000))
        return {};
    return installed;
}

} // namespace

/// The editing draft of a flow: what it refuses (with the reason) changes nothing.
class TestFlowDraftRefusals final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void refusedInsertChangesNothing_data();
    void refusedInsertChangesNothing();
    void refusedMoveOrRemoveChangesNothing_data();
    void refusedMoveOrRemoveChangesNothing();
    void failedApplyKeepsTheDraft();

private:
    Binding binding(const QString &catalogId) const;
    /// Applies alpha, bravo, charlie to Send Phone Message.
    void applyThree();
    Bindings three() const
    {
        return {binding(QStringLiteral("alpha")),
                binding(QStringLiteral("bravo")),
                binding(QStringLiteral("charlie"))};
    }

    std::unique_ptr<TempTenant> m_temp;
    std::unique_ptr<IntegrationService> m_integrations;
    std::unique_ptr<FlowService> m_service;
    QHash<QString, Integration> m_installed; ///< by catalog id
};

void TestFlowDraftRefusals::init()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    auto catalog = IntegrationCatalog::parse(testCatalog(), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    m_integrations = std::make_unique<IntegrationService>(
        m_temp->tenant().database(), m_temp->secrets(), m_temp->tenant().id(), catalog.takeValue());
    m_service = std::make_unique<FlowService>(m_temp->tenant().database(), *m_integrations);
    for (const CatalogEntry &entry : m_integrations->catalog().entries()) {
        const Integration installed = install(*m_integrations, entry.id);
        QVERIFY2(!installed.id.isEmpty(), qPrintable(entry.id));
        m_installed.insert(entry.id, installed);
    }
}

void TestFlowDraftRefusals::cleanup()
{
    m_installed.clear();
    m_service.reset();
    m_integrations.reset();
    m_temp.reset();
}

Binding TestFlowDraftRefusals::binding(const QString &catalogId) const
{
    const Integration integration = m_installed.value(catalogId);
    return {Binding::Kind::Integration, integration.id, integration.name, 0};
}

void TestFlowDraftRefusals::applyThree()
{
    const auto applied = m_service->apply(kPhone, three());
    QVERIFY2(applied, errorBytes(applied));
}

void TestFlowDraftRefusals::refusedInsertChangesNothing_data()
{
    QTest::addColumn<QString>("catalogId"); // empty: an action that does not exist
    QTest::addColumn<bool>("custom");
    QTest::addColumn<int>("index");
    QTest::addColumn<bool>("checkRefuses"); // false: only the index is wrong
    const bool custom = true;
    const bool integration = false;
    QTest::newRow("unknown action") << QString() << integration << 0 << true;
    QTest::newRow("another trigger's action") << QStringLiteral("echo") << integration << 1 << true;
    QTest::newRow("duplicate") << QStringLiteral("bravo") << integration << 0 << true;
    QTest::newRow("custom action") << QStringLiteral("delta") << custom << 0 << true;
    QTest::newRow("index below 0") << QStringLiteral("delta") << integration << -1 << false;
    QTest::newRow("index past the end") << QStringLiteral("delta") << integration << 4 << false;
}

void TestFlowDraftRefusals::refusedInsertChangesNothing()
{
    QFETCH(QString, catalogId);
    QFETCH(bool, custom);
    QFETCH(int, index);
    QFETCH(bool, checkRefuses);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy inserted(&draft, &FlowDraft::inserted);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    Binding refused = catalogId.isEmpty() ? Binding {Binding::Kind::Integration,
                                                     QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                     QStringLiteral("Ghost"),
                                                     0}
                                          : binding(catalogId);
    if (custom)
        refused.kind = Binding::Kind::Custom;

    QCOMPARE(draft.checkInsert(refused).has_value(), checkRefuses);
    const auto result = draft.insert(index, refused);
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    QVERIFY(!result.error().message().isEmpty());
    if (checkRefuses)
        QCOMPARE(result.error().message(), *draft.checkInsert(refused));
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(inserted.count(), 0);
    QCOMPARE(dirty.count(), 0);
    QVERIFY(!draft.isDirty());
}

void TestFlowDraftRefusals::refusedMoveOrRemoveChangesNothing_data()
{
    QTest::addColumn<bool>("isMove");
    QTest::addColumn<int>("from");
    QTest::addColumn<int>("to");
    QTest::newRow("move from -1") << true << -1 << 0;
    QTest::newRow("move from past the end") << true << 3 << 0;
    QTest::newRow("move to past the end") << true << 0 << 3;
    QTest::newRow("move to -1") << true << 2 << -1;
    QTest::newRow("remove -1") << false << -1 << 0;
    QTest::newRow("remove past the end") << false << 3 << 0;
}

void TestFlowDraftRefusals::refusedMoveOrRemoveChangesNothing()
{
    QFETCH(bool, isMove);
    QFETCH(int, from);
    QFETCH(int, to);
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QSignalSpy moved(&draft, &FlowDraft::moved);
    QSignalSpy removed(&draft, &FlowDraft::removed);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    if (isMove) {
        const auto result = draft.move(from, to);
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    } else {
        const auto result = draft.remove(from);
        QVERIFY(!result);
        QCOMPARE(result.error().kind(), Error::Kind::Invalid);
    }
    QCOMPARE(draft.bindings(), three());
    QCOMPARE(moved.count() + removed.count() + dirty.count(), 0);
}

void TestFlowDraftRefusals::failedApplyKeepsTheDraft()
{
    applyThree();
    FlowDraft draft(*m_service, kPhone);
    QVERIFY(draft.insert(0, binding(QStringLiteral("delta"))));
    const Bindings edited = draft.bindings();
    QSqlQuery block = m_temp->tenant().database().prepare(
        QStringLiteral("CREATE TRIGGER block_flows BEFORE INSERT ON flow_bindings "
                       "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END"));
    QVERIFY(block.exec());
    QSignalSpy applied(&draft, &FlowDraft::applied);
    QSignalSpy dirty(&draft, &FlowDraft::dirtyChanged);
    QSignalSpy flowApplied(m_service.get(), &FlowService::flowApplied);

    const auto result = draft.apply();
    QVERIFY(!result);
    QCOMPARE(result.error().kind(), Error::Kind::Storage);
    QCOMPARE(draft.bindings(), edited);
    QVERIFY(draft.isDirty());
    QCOMPARE(applied.count() + dirty.count() + flowApplied.count(), 0);
    QCOMPARE(m_service->bindings(kPhone).value(), three());
}

QTEST_GUILESS_MAIN(TestFlowDraftRefusals)
#include "TestFlowDraftRefusals.moc"
