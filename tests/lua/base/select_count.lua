print(select('#'), select('#', nil), select('#', 1, nil, nil), select('#', unpack({1, 2, 3})))
