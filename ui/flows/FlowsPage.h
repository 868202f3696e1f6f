#pragma once

#include "ui/shell/Page.h"

class FlowService;
class QVBoxLayout;

/**
 * @brief Actions > Flows: one flow per trigger, each with what it does and how many actions it runs.
 */
class FlowsPage : public Page
{
    Q_OBJECT

public:
    FlowsPage(FlowService &flows, QWidget *parent = nullptr);

    void open(const QString &argument) override;

private:
    void rebuild();

    FlowService &m_flows;
    QVBoxLayout *m_list;
};
