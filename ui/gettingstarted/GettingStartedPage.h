#pragma once

#include "core/tenant/SetupChecklist.h"
#include "ui/shell/Page.h"

class QVBoxLayout;
class Tenant;

/**
 * @brief The story as a checklist: each step reads the tenant and goes to the page that does it.
 */
class GettingStartedPage : public Page
{
    Q_OBJECT

public:
    GettingStartedPage(Tenant &tenant, QWidget *parent = nullptr);

    void open(const QString &argument) override;

private:
    void rebuild();
    void addTryCard(const QList<SetupChecklist::Item> &items);

    Tenant &m_tenant;
    SetupChecklist *m_checklist;
    QVBoxLayout *m_steps;
    bool m_stale = true;
};
