#include "FlowEditorFixture.h"

#include "core/flows/FlowDraft.h"
#include "core/flows/FlowService.h"
#include "core/tenant/Tenant.h"
#include "tests/support/ResultText.h"
#include "ui/common/MessageBar.h"
#include "ui/flows/FlowScene.h"
#include "ui/flows/FlowView.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

QString testActionId(const QString &name)
{
    return name.toLower().replace(QLatin1Char(' '), QLatin1Char('-'));
}

/// A catalog of input-free Send Phone Message integrations called @p names.
QByteArray testCatalog(const QStringList &names)
{
    QJsonArray entries;
    for (const QString &name : names) {
        entries.append(QJsonObject {{QStringLiteral("id"), testActionId(name)},
                                    {QStringLiteral("name"), name},
                                    {QStringLiteral("publisher"), QStringLiteral("Tests")},
                                    {QStringLiteral("summary"), QStringLiteral("A test action")},
                                    {QStringLiteral("description"), QStringLiteral("Does nothing.")},
                                    {QStringLiteral("trigger"), kPhone},
                                    {QStringLiteral("version"), QStringLiteral("1.0.0")},
                                    {QStringLiteral("inputs"), QJsonArray()}});
    }
    return QJsonDocument(QJsonObject {{QStringLiteral("integrations"), entries}}).toJson();
}

bool waitForInstall(IntegrationJob *job, Integration &installed)
{
    installed = {};
    QObject receiver; // ends the connection when this returns, finished or not
    QObject::connect(job, &IntegrationJob::finished, &receiver, [&installed](IntegrationJob *done) {
        if (done->succeeded())
            installed = done->integration();
    });
    QSignalSpy finished(job, &IntegrationJob::finished);
    return finished.wait(5000);
}

QStringList names(const QList<Binding> &bindings)
{
    QStringList list;
    for (const Binding &binding : bindings)
        list.append(binding.displayName);
    return list;
}

QStringList cardNames(const FlowScene *scene)
{
    QStringList list;
    for (int i = 0; i < scene->cardCount(); ++i)
        list.append(scene->card(i)->action().name);
    return list;
}

/// The middle of gap @p gap, in scene coordinates: between the node above (Start for gap 0) and the node
/// below (Complete for the last gap). cardPosition() continues the column past both ends.
qreal gapMiddle(const FlowScene *scene, int gap)
{
    return (scene->cardPosition(gap - 1).y() + ActionCardItem::Height + scene->cardPosition(gap).y()) / 2;
}

void FlowEditorFixture::initApplication(const QString &name)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AuthdeckTests"));
    QCoreApplication::setApplicationName(name);
}

MessageBar *FlowEditorFixture::message() const
{
    return editor()->findChild<MessageBar *>();
}

void FlowEditorFixture::setUp()
{
    m_tenant = std::make_unique<TempTenant>();
    QVERIFY2(m_tenant->isValid(), qPrintable(m_tenant->error()));
    Integration plivo;
    QVERIFY(waitForInstall(m_tenant->tenant().integrations().install(
                               QStringLiteral("plivo"),
                               {{QStringLiteral("PLIVO_NUMBER"), QStringLiteral("+14155550100")}},
                               {},
                               true),
                           plivo));
    QCOMPARE(plivo.name, kPlivo);
    m_installed.insert(kPlivo, plivo);
    m_window = std::make_unique<MainWindow>(m_tenant->tenant());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void FlowEditorFixture::tearDown()
{
    m_window.reset();
    m_testIntegrations.reset();
    m_tenant.reset();
    m_installed.clear();
}

Binding FlowEditorFixture::binding(const QString &name) const
{
    const Integration integration = m_installed.value(name);
    return {Binding::Kind::Integration, integration.id, integration.name, 0};
}

QList<Binding> FlowEditorFixture::bindings(const QStringList &names) const
{
    QList<Binding> list;
    for (const QString &name : names)
        list.append(binding(name));
    return list;
}

QStringList FlowEditorFixture::applied(const QString &trigger) const
{
    const auto stored = m_tenant->tenant().flows().bindings(trigger);
    return stored ? names(stored.value())
                  : QStringList {QStringLiteral("error: ") + stored.error().message()};
}

void FlowEditorFixture::installTestActions()
{
    auto catalog = IntegrationCatalog::parse(testCatalog({kAlpha, kBravo}), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    Tenant &tenant = m_tenant->tenant();
    m_testIntegrations = std::make_unique<IntegrationService>(
        tenant.database(), tenant.secrets(), tenant.id(), catalog.takeValue());
    for (const QString &name : {kAlpha, kBravo}) {
        Integration installed;
        QVERIFY(waitForInstall(m_testIntegrations->install(testActionId(name), {}, {}, false), installed));
        QCOMPARE(installed.name, name);
        m_installed.insert(name, installed);
    }
}

void FlowEditorFixture::applyFlow(const QString &trigger, const QStringList &names)
{
    const auto result = m_tenant->tenant().flows().apply(trigger, bindings(names));
    QVERIFY2(result, errorBytes(result));
}

void FlowEditorFixture::openEditor(const QString &trigger)
{
    QVERIFY(m_window->showPage(Page::Id::FlowEditor, trigger));
    QVERIFY(editor() && editor()->view() && editor()->scene() && editor()->draft());
    QCOMPARE(editor()->draft()->triggerId(), trigger);
    QTRY_VERIFY(editor()->view()->isVisible());
    QTRY_VERIFY2(editor()->view()->viewport()->width() > 2 * kBeside + 20,
                 qPrintable(QString::number(editor()->view()->viewport()->width())));
}

QPoint FlowEditorFixture::gapPoint(int gap, qreal dx) const
{
    FlowView *view = editor()->view();
    const QPointF target(dx, gapMiddle(editor()->scene(), gap));
    view->ensureVisible(QRectF(target - QPointF(2, 2), QSizeF(4, 4)), 0, 0);
    return view->mapFromScene(target);
}
