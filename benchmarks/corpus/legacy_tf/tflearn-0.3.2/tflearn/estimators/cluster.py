
class KMeans():
    pass
