#include "FlowDraftFixture.h"

#include "tests/support/ResultText.h"

#include <QPair>
#include <QPointer>
#include <QTest>

QByteArray FlowDraftFixture::testCatalog()
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

Integration FlowDraftFixture::install(IntegrationService &service, const QString &catalogId)
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

void FlowDraftFixture::setUp()
{
    m_temp = std::make_unique<TempTenant>();
    QVERIFY2(m_temp->isValid(), qPrintable(m_temp->error()));
    auto catalog = IntegrationCatalog::parse(testCatalog(), QStringLiteral("test catalog"));
    QVERIFY2(catalog, errorBytes(catalog));
    m_integrations = std::make_unique<IntegrationService>(
        m_temp->tenant().database(), m_temp->secrets(), m_temp->tenant().id(), catalog.takeValue());
    m_service = std::make_unique<FlowService>(
        m_temp->tenant().database(), *m_integrations, m_temp->tenant().customActions());
    for (const CatalogEntry &entry : m_integrations->catalog().entries()) {
        const Integration installed = install(*m_integrations, entry.id);
        QVERIFY2(!installed.id.isEmpty(), qPrintable(entry.id));
        m_installed.insert(entry.id, installed);
    }
}

void FlowDraftFixture::tearDown()
{
    m_installed.clear();
    m_service.reset();
    m_integrations.reset();
    m_temp.reset();
}

Binding FlowDraftFixture::binding(const QString &catalogId) const
{
    const Integration integration = m_installed.value(catalogId);
    return {Binding::Kind::Integration, integration.id, integration.name, 0};
}

void FlowDraftFixture::applyThree()
{
    const auto applied = m_service->apply(kPhone, three());
    QVERIFY2(applied, errorBytes(applied));
}
